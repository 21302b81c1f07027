<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_MX">
<context>
    <name>Diagnostics</name>
    <message>
        <location filename="../work/main/desktop/diagnostics/page.py" line="37"/>
        <source>Hub connection</source>
        <translation>Conexión con el hub</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/diagnostics/page.py" line="38"/>
        <source>SIP registration</source>
        <translation>Registro SIP</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/diagnostics/page.py" line="39"/>
        <source>Test call</source>
        <translation>Llamada de prueba</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/diagnostics/page.py" line="40"/>
        <source>Audio devices</source>
        <translation>Dispositivos de audio</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/diagnostics/page.py" line="41"/>
        <source>Password keyring</source>
        <translation>Llavero de contraseñas</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/diagnostics/page.py" line="48"/>
        <source>Not configured</source>
        <translation>No configurado</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/diagnostics/page.py" line="49"/>
        <source>OK</source>
        <translation>Correcto</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/diagnostics/page.py" line="49"/>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/diagnostics/page.py" line="57"/>
        <source>Diagnostics</source>
        <translation>Diagnóstico</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/diagnostics/page.py" line="61"/>
        <source>Check</source>
        <translation>Prueba</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/diagnostics/page.py" line="62"/>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/diagnostics/page.py" line="63"/>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/diagnostics/page.py" line="66"/>
        <source>Run checks</source>
        <translation>Ejecutar pruebas</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/diagnostics/page.py" line="67"/>
        <source>Export support bundle…</source>
        <translation>Exportar paquete de soporte…</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/diagnostics/page.py" line="84"/>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/diagnostics/page.py" line="89"/>
        <source>Checks finished.</source>
        <translation>Pruebas terminadas.</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/diagnostics/page.py" line="120"/>
        <source>Export support bundle</source>
        <translation>Exportar paquete de soporte</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/diagnostics/page.py" line="122"/>
        <source>Zip files (*.zip)</source>
        <translation>Archivos zip (*.zip)</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/diagnostics/page.py" line="130"/>
        <source>Could not write the bundle: {reason}</source>
        <translation>No se pudo guardar el paquete: {reason}</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/diagnostics/page.py" line="135"/>
        <source>Saved {path}</source>
        <translation>Guardado en {path}</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <location filename="../work/main/desktop/settings/wizard.py" line="51"/>
        <source>Welcome to Acuerdo</source>
        <translation>Bienvenido a Acuerdo</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/settings/wizard.py" line="72"/>
        <source>Connection</source>
        <translation>Conexión</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/settings/wizard.py" line="73"/>
        <source>Where this desk connects to.</source>
        <translation>A dónde se conecta este puesto.</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/settings/wizard.py" line="81"/>
        <source>Your phone account</source>
        <translation>Tu cuenta telefónica</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/settings/wizard.py" line="83"/>
        <source>The password is kept in this computer&apos;s keyring, never in a file.</source>
        <translation>La contraseña se guarda en el llavero de esta computadora, nunca en un archivo.</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/settings/wizard.py" line="97"/>
        <source>Headset and ringer</source>
        <translation>Diadema y timbre</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/settings/wizard.py" line="100"/>
        <source>System default</source>
        <translation>Predeterminado del sistema</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/settings/wizard.py" line="115"/>
        <source>Play test tone</source>
        <translation>Reproducir tono de prueba</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/settings/wizard.py" line="116"/>
        <source>Check microphone</source>
        <translation>Probar micrófono</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/settings/wizard.py" line="127"/>
        <source>Microphone level</source>
        <translation>Nivel del micrófono</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/settings/wizard.py" line="131"/>
        <source>No headset found; the system default will be used.</source>
        <translation>No se encontró diadema; se usará el dispositivo predeterminado.</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/settings/wizard.py" line="147"/>
        <source>Testing…</source>
        <translation>Probando…</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/settings/wizard.py" line="163"/>
        <source>Audio test failed: {reason}</source>
        <translation>La prueba de audio falló: {reason}</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/settings/wizard.py" line="167"/>
        <source>Audio test done.</source>
        <translation>Prueba de audio terminada.</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../work/main/desktop/settings/dialog.py" line="36"/>
        <source>Set by your IT department</source>
        <translation>Configurado por tu departamento de TI</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/settings/dialog.py" line="38"/>
        <source>Overridden for troubleshooting (command line or environment)</source>
        <translation>Reemplazado para diagnóstico (línea de comandos o entorno)</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/settings/dialog.py" line="46"/>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/settings/schema.py" line="124"/>
        <location filename="../work/main/desktop/settings/wizard.py" line="75"/>
        <source>Hub address</source>
        <translation>Dirección del hub</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/settings/schema.py" line="131"/>
        <location filename="../work/main/desktop/settings/wizard.py" line="76"/>
        <source>SIP registrar</source>
        <translation>Registrador SIP</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/settings/schema.py" line="138"/>
        <source>SIP transport</source>
        <translation>Transporte SIP</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/settings/schema.py" line="141"/>
        <location filename="../work/main/desktop/settings/wizard.py" line="88"/>
        <source>SIP user</source>
        <translation>Usuario SIP</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/settings/schema.py" line="142"/>
        <location filename="../work/main/desktop/settings/wizard.py" line="92"/>
        <source>SIP password</source>
        <translation>Contraseña SIP</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/settings/schema.py" line="144"/>
        <source>Hub session token</source>
        <translation>Token de sesión del hub</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/settings/schema.py" line="150"/>
        <source>Local SIP port (0 = any)</source>
        <translation>Puerto SIP local (0 = cualquiera)</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/settings/schema.py" line="162"/>
        <source>First audio (RTP) port (0 = default)</source>
        <translation>Primer puerto de audio (RTP) (0 = predeterminado)</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/settings/schema.py" line="158"/>
        <source>Calls without a handoff</source>
        <translation>Llamadas sin transferencia</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/settings/schema.py" line="165"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/settings/schema.py" line="168"/>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/settings/schema.py" line="174"/>
        <location filename="../work/main/desktop/settings/wizard.py" line="102"/>
        <source>Headset speaker</source>
        <translation>Auricular de la diadema</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/settings/schema.py" line="181"/>
        <location filename="../work/main/desktop/settings/wizard.py" line="103"/>
        <source>Headset microphone</source>
        <translation>Micrófono de la diadema</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/settings/schema.py" line="184"/>
        <location filename="../work/main/desktop/settings/wizard.py" line="104"/>
        <source>Ringer</source>
        <translation>Timbre</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/settings/schema.py" line="228"/>
        <source>Echo cancellation</source>
        <translation>Cancelación de eco</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/settings/schema.py" line="189"/>
        <source>Test call number (echo)</source>
        <translation>Número de llamada de prueba (eco)</translation>
    </message>
    <message>
        <location filename="../work/main/desktop/settings/schema.py" line="196"/>
        <source>Log detail</source>
        <translation>Detalle del registro</translation>
    </message>
    <message>
        <source>Floor: wrap-up too long after (seconds)</source>
        <translation>Piso: cierre demasiado largo después de (segundos)</translation>
    </message>
    <message>
        <source>Floor: call too long after (seconds)</source>
        <translation>Piso: llamada demasiado larga después de (segundos)</translation>
    </message>
    <message>
        <source>Floor: poor call quality below MOS</source>
        <translation>Piso: mala calidad de llamada con MOS menor a</translation>
    </message>
    <message>
        <source>Outgoing calls trunk</source>
        <translation>Troncal para llamadas salientes</translation>
    </message>
    <message>
        <source>Progressive calls</source>
        <translation>Llamadas progresivas</translation>
    </message>
    <message>
        <source>Preview: seconds before the call is dialled (0 = never)</source>
        <translation>Vista previa: segundos antes de marcar la llamada (0 = nunca)</translation>
    </message>
</context>
</TS>
