<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_MX" sourcelanguage="en_US">
<context>
    <name></name>
    <message>
        <location filename="../../desktop/agent/script_library.py" line="67"/>
        <source>The script “{title}” has a new version ({version}). Your next call uses it; a call in progress keeps its version.</source>
        <translation>El guion «{title}» tiene una versión nueva ({version}). Su próxima llamada la usa; una llamada en curso conserva su versión.</translation>
    </message>
</context>
<context>
    <name>Accounts</name>
    <message>
        <location filename="../../desktop/agent/accounts_model.py" line="51"/>
        <source>Product</source>
        <translation>Producto</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/accounts_model.py" line="52"/>
        <source>Account</source>
        <translation>Cuenta</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/accounts_model.py" line="53"/>
        <source>Balance</source>
        <translation>Saldo</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/accounts_model.py" line="54"/>
        <source>Days past due</source>
        <translation>Días de atraso</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/accounts_model.py" line="55"/>
        <source>Minimum payment</source>
        <translation>Pago mínimo</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/accounts_model.py" line="56"/>
        <source>Segment</source>
        <translation>Segmento</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/accounts_model.py"/>
        <source>Open promise</source>
        <translation>Promesa de pago</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/accounts_model.py"/>
        <source>pending</source>
        <translation>pendiente</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/accounts_model.py"/>
        <source>kept</source>
        <translation>cumplida</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/accounts_model.py"/>
        <source>broken</source>
        <translation>incumplida</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/accounts_model.py"/>
        <source>{amount} due {date} · {state}</source>
        <translation>{amount} para el {date} · {state}</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/accounts_model.py"/>
        <source>{amount} due {date} · {state} · {count} instalments</source>
        <translation>{amount} para el {date} · {state} · {count} pagos</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/accounts_model.py"/>
        <source>Promised on {date}</source>
        <translation>Prometida el {date}</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/debtor_panel.py" line="172"/>
        <source>Accounts</source>
        <translation>Cuentas</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/debtor_panel.py" line="176"/>
        <source>Confirm the debtor&apos;s identity to see the accounts and history.</source>
        <translation>Confirme la identidad del titular para ver las cuentas y el historial.</translation>
    </message>
</context>
<context>
    <name>Agent</name>
    <message>
        <location filename="../../desktop/agent/session.py" line="225"/>
        <location filename="../../desktop/agent/session.py" line="233"/>
        <source>Finish the current call and its wrap-up first.</source>
        <translation>Primero termine la llamada actual y su cierre.</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/session.py" line="230"/>
        <source>That pause reason is not offered here.</source>
        <translation>Ese motivo de pausa no está disponible aquí.</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/session.py" line="476"/>
        <source>Something went wrong; the support log has details.</source>
        <translation>Algo salió mal; el registro de soporte tiene los detalles.</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/top_bar.py" line="23"/>
        <source>Ready</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/top_bar.py" line="24"/>
        <source>Not ready</source>
        <translation>No disponible</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/top_bar.py" line="25"/>
        <source>On a call</source>
        <translation>En llamada</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/top_bar.py" line="26"/>
        <source>Wrap-up</source>
        <translation>Cierre</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/top_bar.py" line="27"/>
        <source>Logged out</source>
        <translation>Sin sesión</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/top_bar.py" line="50"/>
        <source>Time in state</source>
        <translation>Tiempo en el estado</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/top_bar.py" line="52"/>
        <source>Toggle ready / not ready (F9)</source>
        <translation>Cambiar disponible / no disponible (F9)</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/top_bar.py" line="54"/>
        <source>Ready / not ready</source>
        <translation>Disponible / no disponible</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/top_bar.py" line="57"/>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/top_bar.py" line="58"/>
        <source>Not ready with a reason</source>
        <translation>No disponible con motivo</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/top_bar.py" line="107"/>
        <source>Not ready · {reason}</source>
        <translation>No disponible · {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/top_bar.py" line="109"/>
        <source>Agent state: {state}</source>
        <translation>Estado del asesor: {state}</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/top_bar.py" line="113"/>
        <source>Go not ready</source>
        <translation>Pasar a no disponible</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/top_bar.py" line="115"/>
        <source>Go ready</source>
        <translation>Pasar a disponible</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/top_bar.py" line="137"/>
        <source>{elapsed} of {limit} min</source>
        <translation>{elapsed} de {limit} min</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/top_bar.py" line="143"/>
        <source>{elapsed} · ready in {left}</source>
        <translation>{elapsed} · disponible en {left}</translation>
    </message>
    <message>
        <source>Not ready · set by a supervisor</source>
        <translation>No disponible · por un supervisor</translation>
    </message>
    <message>
        <source>Hang up the call before signing out.</source>
        <translation>Cuelgue la llamada antes de cerrar sesión.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../desktop/desk.py" line="100"/>
        <location filename="../../desktop/desk.py" line="277"/>
        <source>The local data folder cannot be used: {reason}</source>
        <translation>No se puede usar la carpeta de datos local: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/desk.py" line="324"/>
        <source>The softphone could not start: {reason}</source>
        <translation>El softphone no pudo iniciar: {reason}</translation>
    </message>
</context>
<context>
    <name>Audio</name>
    <message>
        <location filename="../../desktop/agent/audio_controls.py" line="51"/>
        <source>Microphone level</source>
        <translation>Nivel del micrófono</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/audio_controls.py" line="52"/>
        <source>Speaker level</source>
        <translation>Nivel del auricular</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/audio_controls.py" line="58"/>
        <location filename="../../desktop/agent/audio_controls.py" line="59"/>
        <source>Speaker volume</source>
        <translation>Volumen del auricular</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/audio_controls.py" line="63"/>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/audio_controls.py" line="64"/>
        <source>Audio devices</source>
        <translation>Dispositivos de audio</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/audio_controls.py" line="65"/>
        <source>Choose headset and ringer devices</source>
        <translation>Elegir diadema y timbre</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/audio_controls.py" line="70"/>
        <source>Mic</source>
        <translation>Mic</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/audio_controls.py" line="71"/>
        <source>Spk</source>
        <translation>Aur</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/audio_controls.py" line="126"/>
        <source>Headset (speaker)</source>
        <translation>Diadema (auricular)</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/audio_controls.py" line="127"/>
        <source>Headset (microphone)</source>
        <translation>Diadema (micrófono)</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/audio_controls.py" line="128"/>
        <source>Ringer</source>
        <translation>Timbre</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/audio_controls.py" line="136"/>
        <source>System default</source>
        <translation>Predeterminado del sistema</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/audio_controls.py" line="145"/>
        <source>No audio devices found</source>
        <translation>No se encontraron dispositivos de audio</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/audio_controls.py" line="150"/>
        <source>Audio device saved; it is used from your next sign-in.</source>
        <translation>Dispositivo de audio guardado; se usará desde su próximo inicio de sesión.</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/audio_controls.py" line="159"/>
        <source>Audio device changed.</source>
        <translation>Dispositivo de audio cambiado.</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/audio_controls.py" line="166"/>
        <source>The device choice could not be saved.</source>
        <translation>No se pudo guardar el dispositivo elegido.</translation>
    </message>
</context>
<context>
    <name>Call</name>
    <message>
        <location filename="../../desktop/agent/call_bar.py" line="33"/>
        <source>No call</source>
        <translation>Sin llamada</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_bar.py" line="35"/>
        <source>On hold</source>
        <translation>En espera</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_bar.py" line="37"/>
        <source>Ringing</source>
        <translation>Timbrando</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_bar.py" line="38"/>
        <source>Calling</source>
        <translation>Llamando</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_bar.py" line="39"/>
        <source>Connecting</source>
        <translation>Conectando</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_bar.py" line="40"/>
        <source>Connected</source>
        <translation>Conectada</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_bar.py" line="41"/>
        <source>Ended</source>
        <translation>Terminada</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_bar.py" line="67"/>
        <source>Call duration</source>
        <translation>Duración de la llamada</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_bar.py" line="69"/>
        <source>Call quality</source>
        <translation>Calidad de la llamada</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_bar.py" line="77"/>
        <source>Answer</source>
        <translation>Contestar</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_bar.py" line="78"/>
        <source>Hang up</source>
        <translation>Colgar</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_bar.py" line="79"/>
        <source>Hold</source>
        <translation>Espera</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_bar.py" line="80"/>
        <source>Mute</source>
        <translation>Silenciar</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_bar.py" line="83"/>
        <source>Keypad</source>
        <translation>Teclado</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_bar.py" line="85"/>
        <source>Transfer</source>
        <translation>Transferir</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_bar.py" line="88"/>
        <source>Consult</source>
        <translation>Consultar</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_bar.py" line="91"/>
        <source>Complete transfer</source>
        <translation>Completar transferencia</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_bar.py" line="94"/>
        <source>Conference</source>
        <translation>Conferencia</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_bar.py" line="97"/>
        <source>Back to customer</source>
        <translation>Volver con el cliente</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_bar.py" line="98"/>
        <source>End consultation</source>
        <translation>Terminar la consulta</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_bar.py" line="155"/>
        <source>Shortcut: {key}</source>
        <translation>Atajo: {key}</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_bar.py" line="215"/>
        <source>Colleague: {state}</source>
        <translation>Colega: {state}</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_bar.py" line="234"/>
        <source>MOS {mos:.1f}</source>
        <translation>MOS {mos:.1f}</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_bar.py" line="237"/>
        <source>Loss {loss:.1f}% · jitter {jitter:.0f} ms · round trip {rtt} ms</source>
        <translation>Pérdida {loss:.1f}% · jitter {jitter:.0f} ms · ida y vuelta {rtt} ms</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/handoff_router.py" line="96"/>
        <source>The call could not be answered automatically.</source>
        <translation>La llamada no se pudo contestar automáticamente.</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/session.py" line="179"/>
        <source>The customer hung up before the call connected.</source>
        <translation>El cliente colgó antes de que la llamada se conectara.</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_control.py" line="63"/>
        <source>Type a full SIP address (sip:user@host) for this call.</source>
        <translation>Escriba una dirección SIP completa (sip:usuario@host) para esta llamada.</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_control.py" line="67"/>
        <source>Type an extension, a phone number or a SIP address (sip:user@host).</source>
        <translation>Escriba una extensión, un número o una dirección SIP (sip:usuario@host).</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_control.py" line="131"/>
        <source>The keypad sends 0-9, *, # and A-D only.</source>
        <translation>El teclado solo envía 0-9, *, # y A-D.</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_control.py" line="143"/>
        <location filename="../../desktop/agent/call_control.py" line="173"/>
        <source>Transferring the call…</source>
        <translation>Transfiriendo la llamada…</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_control.py" line="170"/>
        <source>Wait until the colleague answers to transfer.</source>
        <translation>Espere a que el colega conteste para transferir.</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_control.py"/>
        <source>The network changed; the phone is reconnecting.</source>
        <translation>La red cambió; el teléfono se está reconectando.</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_control.py"/>
        <source>The call ended when the network changed: {reason}</source>
        <translation>La llamada terminó al cambiar la red: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_control.py"/>
        <source>no answer from the other side</source>
        <translation>el otro lado no respondió</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_control.py" line="190"/>
        <source>A conference needs the customer and a colleague.</source>
        <translation>Una conferencia necesita al cliente y a un colega.</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_control.py" line="247"/>
        <location filename="../../desktop/agent/session.py" line="453"/>
        <source>The softphone is not running.</source>
        <translation>El softphone no está funcionando.</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_control.py" line="254"/>
        <location filename="../../desktop/agent/session.py" line="460"/>
        <source>The phone could not do that: {reason}</source>
        <translation>El teléfono no pudo hacerlo: {reason}</translation>
    </message>
    <message>
        <source>The dialer could not be told; try again.</source>
        <translation>No se pudo avisar al marcador; inténtelo de nuevo.</translation>
    </message>
</context>
<context>
    <name>Channel</name>
    <message>
        <location filename="../../desktop/common/formatting.py" line="31"/>
        <source>Call</source>
        <translation>Llamada</translation>
    </message>
    <message>
        <location filename="../../desktop/common/formatting.py" line="32"/>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <location filename="../../desktop/common/formatting.py" line="33"/>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location filename="../../desktop/common/formatting.py" line="34"/>
        <source>Email</source>
        <translation>Correo</translation>
    </message>
    <message>
        <location filename="../../desktop/common/formatting.py" line="35"/>
        <source>Messenger</source>
        <translation>Messenger</translation>
    </message>
    <message>
        <location filename="../../desktop/common/formatting.py" line="36"/>
        <source>Voice blast</source>
        <translation>Mensaje de voz masivo</translation>
    </message>
    <message>
        <location filename="../../desktop/common/formatting.py" line="37"/>
        <source>Payment</source>
        <translation>Pago</translation>
    </message>
    <message>
        <location filename="../../desktop/common/formatting.py" line="38"/>
        <source>Promise</source>
        <translation>Promesa</translation>
    </message>
    <message>
        <location filename="../../desktop/common/formatting.py" line="39"/>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
</context>
<context>
    <name>Compliance</name>
    <message>
        <location filename="../../desktop/agent/verification_bar.py" line="127"/>
        <source>Debtor&apos;s time zone unknown: check the calling window</source>
        <translation>Zona horaria del titular desconocida: verifique el horario permitido</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/verification_bar.py" line="130"/>
        <source>Debtor&apos;s time {time} · inside the window {window}</source>
        <translation>Hora del titular {time} · dentro del horario {window}</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/verification_bar.py" line="133"/>
        <source>Debtor&apos;s time {time} · OUTSIDE the window {window}</source>
        <translation>Hora del titular {time} · FUERA del horario {window}</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/verification_bar.py" line="144"/>
        <source>{count}+</source>
        <translation>{count}+</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/verification_bar.py" line="147"/>
        <source>Contacts in the last 7 days: {count}</source>
        <translation>Contactos en los últimos 7 días: {count}</translation>
    </message>
    <message>
        <source>Do not call</source>
        <translation>No llamar</translation>
    </message>
    <message>
        <source>DO NOT CALL</source>
        <translation>NO LLAMAR</translation>
    </message>
    <message>
        <source>DO NOT CALL: {reason}</source>
        <translation>NO LLAMAR: {reason}</translation>
    </message>
</context>
<context>
    <name>Connection</name>
    <message>
        <location filename="../../desktop/agent/top_bar.py" line="33"/>
        <source>Online</source>
        <translation>En línea</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/top_bar.py" line="34"/>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/top_bar.py" line="35"/>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/top_bar.py" line="36"/>
        <source>Sign-in refused</source>
        <translation>Acceso rechazado</translation>
    </message>
</context>
<context>
    <name>Debtor</name>
    <message>
        <location filename="../../desktop/agent/debtor_panel.py" line="73"/>
        <source>Waiting for the next call</source>
        <translation>Esperando la siguiente llamada</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/debtor_panel.py" line="74"/>
        <source>Go ready to receive calls.</source>
        <translation>Pase a disponible para recibir llamadas.</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/debtor_panel.py" line="87"/>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/debtor_panel.py" line="90"/>
        <source>Broken promises: {broken} · Last payment: {last}</source>
        <translation>Promesas incumplidas: {broken} · Último pago: {last}</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/debtor_panel.py" line="100"/>
        <source>Local time {time}</source>
        <translation>Hora local {time}</translation>
    </message>
</context>
<context>
    <name>Disposition</name>
    <message>
        <location filename="../../desktop/agent/wrapup_dialog.py" line="33"/>
        <source>Promise to pay</source>
        <translation>Promesa de pago</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/wrapup_dialog.py" line="34"/>
        <source>Call back later</source>
        <translation>Volver a llamar</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/wrapup_dialog.py" line="35"/>
        <source>No agreement</source>
        <translation>Sin acuerdo</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/wrapup_dialog.py" line="36"/>
        <source>Says already paid</source>
        <translation>Indica que ya pagó</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/wrapup_dialog.py" line="37"/>
        <source>Disputes the debt</source>
        <translation>No reconoce el adeudo</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/wrapup_dialog.py" line="38"/>
        <source>Third party answered</source>
        <translation>Contestó un tercero</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/wrapup_dialog.py" line="39"/>
        <source>Identity not verified</source>
        <translation>Identidad no verificada</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/wrapup_dialog.py" line="40"/>
        <source>Wrong number</source>
        <translation>Número equivocado</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/wrapup_dialog.py" line="41"/>
        <source>No answer / voicemail</source>
        <translation>Sin respuesta / buzón de voz</translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message>
        <location filename="../../desktop/common/formatting.py" line="76"/>
        <source>unknown time zone</source>
        <translation>zona horaria desconocida</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <location filename="../../desktop/agent/debtor_panel.py" line="150"/>
        <location filename="../../desktop/agent/debtor_panel.py" line="236"/>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/debtor_panel.py" line="234"/>
        <source>History ({shown} of {total})</source>
        <translation>Historial ({shown} de {total})</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_model.py" line="200"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_model.py" line="201"/>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_model.py" line="202"/>
        <source>Summary</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/session.py" line="443"/>
        <source>Older history could not be loaded now.</source>
        <translation>No se pudo cargar el historial anterior en este momento.</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_filter.py" line="79"/>
        <source>Show {channel} events</source>
        <translation>Mostrar eventos de {channel}</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_filter.py" line="84"/>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_filter.py" line="85"/>
        <source>Filter by date</source>
        <translation>Filtrar por fecha</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_filter.py" line="86"/>
        <source>First day shown</source>
        <translation>Primer día mostrado</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_filter.py" line="87"/>
        <source>Last day shown</source>
        <translation>Último día mostrado</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_filter.py" line="92"/>
        <source>to</source>
        <translation>a</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_filter.py" line="95"/>
        <source>Search the history…</source>
        <translation>Buscar en el historial…</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_filter.py" line="96"/>
        <source>Search the history</source>
        <translation>Buscar en el historial</translation>
    </message>
</context>
<context>
    <name>HistoryDetail</name>
    <message>
        <location filename="../../desktop/agent/history_details.py" line="30"/>
        <source>Disposition</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_details.py" line="31"/>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_details.py" line="32"/>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_details.py" line="33"/>
        <source>Quality</source>
        <translation>Calidad</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_details.py" line="34"/>
        <source>Script path</source>
        <translation>Ruta del guion</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_details.py" line="35"/>
        <source>Recording</source>
        <translation>Grabación</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_details.py"/>
        <source>Open &amp;recording</source>
        <translation>Abrir g&amp;rabación</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_details.py"/>
        <source>Open recording</source>
        <translation>Abrir grabación</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_details.py"/>
        <source>Play the call's recording from the recording server</source>
        <translation>Reproducir la grabación de la llamada desde el servidor de grabaciones</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_details.py"/>
        <source>Copy recording lin&amp;k</source>
        <translation>Copiar &amp;enlace de la grabación</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_details.py"/>
        <source>Copy recording link</source>
        <translation>Copiar enlace de la grabación</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_details.py" line="36"/>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_details.py" line="37"/>
        <source>Delivered</source>
        <translation>Entregado</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_details.py" line="38"/>
        <source>Read</source>
        <translation>Leído</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_details.py" line="39"/>
        <source>Subject</source>
        <translation>Asunto</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_details.py" line="40"/>
        <source>Opened</source>
        <translation>Abierto</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_details.py" line="41"/>
        <source>Message played</source>
        <translation>Mensaje reproducido</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_details.py" line="42"/>
        <source>Digit pressed</source>
        <translation>Dígito marcado</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_details.py" line="43"/>
        <source>Amount</source>
        <translation>Monto</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_details.py" line="44"/>
        <source>Payment method</source>
        <translation>Medio de pago</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_details.py" line="45"/>
        <source>Due date</source>
        <translation>Fecha de pago</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_details.py" line="46"/>
        <source>Outcome</source>
        <translation>Resultado de la promesa</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_details.py" line="47"/>
        <location filename="../../desktop/agent/history_details.py" line="48"/>
        <source>Conversation</source>
        <translation>Conversación</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_details.py" line="51"/>
        <source>Incoming</source>
        <translation>Entrante</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_details.py" line="52"/>
        <source>Outgoing</source>
        <translation>Saliente</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_details.py" line="61"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_details.py" line="62"/>
        <source>When</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_details.py" line="67"/>
        <source>Direction</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_details.py" line="72"/>
        <source>Account</source>
        <translation>Cuenta</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_details.py" line="74"/>
        <source>Summary</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_details.py" line="86"/>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_details.py" line="86"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_details.py" line="105"/>
        <location filename="../../desktop/agent/history_details.py" line="108"/>
        <source>Event details</source>
        <translation>Detalle del evento</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_details.py" line="110"/>
        <source>Select an event to see its details.</source>
        <translation>Seleccione un evento para ver su detalle.</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/history_details.py" line="128"/>
        <source>{count} other turns of this conversation are highlighted.</source>
        <translation>Se resaltan {count} turnos más de esta conversación.</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../../desktop/agent/call_dialogs.py" line="36"/>
        <source>Keypad</source>
        <translation>Teclado</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_dialogs.py" line="39"/>
        <source>Digits sent</source>
        <translation>Dígitos enviados</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_dialogs.py" line="44"/>
        <source>Key {key}</source>
        <translation>Tecla {key}</translation>
    </message>
</context>
<context>
    <name>Login</name>
    <message>
        <location filename="../../desktop/desk.py" line="297"/>
        <source>The hub at {url} cannot be reached. Check the address and the network.</source>
        <translation>No se puede conectar con el servidor en {url}. Revise la dirección y la red.</translation>
    </message>
    <message>
        <location filename="../../desktop/desk.py" line="306"/>
        <source>Wrong user or password.</source>
        <translation>Usuario o contraseña incorrectos.</translation>
    </message>
    <message>
        <location filename="../../desktop/login/dialog.py" line="42"/>
        <source>Acuerdo — Sign in</source>
        <translation>Acuerdo — Iniciar sesión</translation>
    </message>
    <message>
        <location filename="../../desktop/login/dialog.py" line="47"/>
        <source>Sign in to your contact centre</source>
        <translation>Inicie sesión en su centro de contacto</translation>
    </message>
    <message>
        <location filename="../../desktop/login/dialog.py" line="50"/>
        <source>for example ana</source>
        <translation>por ejemplo ana</translation>
    </message>
    <message>
        <location filename="../../desktop/login/dialog.py" line="54"/>
        <source>Remember password on this computer</source>
        <translation>Recordar la contraseña en este equipo</translation>
    </message>
    <message>
        <location filename="../../desktop/login/dialog.py" line="63"/>
        <location filename="../../desktop/login/dialog.py" line="146"/>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <location filename="../../desktop/login/dialog.py" line="66"/>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <location filename="../../desktop/login/dialog.py" line="70"/>
        <source>Hub address</source>
        <translation>Dirección del servidor</translation>
    </message>
    <message>
        <location filename="../../desktop/login/dialog.py" line="71"/>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <location filename="../../desktop/login/dialog.py" line="72"/>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <location filename="../../desktop/login/dialog.py" line="107"/>
        <source>The hub address must start with ws:// or wss://.</source>
        <translation>La dirección del servidor debe empezar con ws:// o wss://.</translation>
    </message>
    <message>
        <location filename="../../desktop/login/dialog.py" line="110"/>
        <source>Enter your user and password.</source>
        <translation>Escriba su usuario y contraseña.</translation>
    </message>
    <message>
        <location filename="../../desktop/login/dialog.py" line="146"/>
        <source>Signing in…</source>
        <translation>Iniciando sesión…</translation>
    </message>
    <message>
        <location filename="../../desktop/login/vault.py" line="41"/>
        <source>This computer has no password keyring, so the password cannot be remembered. You will be asked for it at each sign-in.</source>
        <translation>Este equipo no tiene un llavero de contraseñas, así que la contraseña no se puede recordar. Se le pedirá en cada inicio de sesión.</translation>
    </message>
    <message>
        <location filename="../../desktop/login/vault.py" line="68"/>
        <source>The keyring refused to store the password: {reason}</source>
        <translation>El llavero no pudo guardar la contraseña: {reason}</translation>
    </message>
</context>
<context>
    <name>Outbox</name>
    <message>
        <location filename="../../desktop/agent/outbox_model.py" line="30"/>
        <source>Saved locally</source>
        <translation>Guardada localmente</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/outbox_model.py" line="31"/>
        <source>Sending</source>
        <translation>Enviando</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/outbox_model.py" line="32"/>
        <source>Synced</source>
        <translation>Sincronizada</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/outbox_model.py" line="33"/>
        <source>Rejected</source>
        <translation>Rechazada</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/top_bar.py" line="126"/>
        <source>Unsynced: {count}</source>
        <translation>Sin sincronizar: {count}</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/session.py" line="189"/>
        <source>The hub rejected a promise: {reason}</source>
        <translation>El servidor rechazó una promesa: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/session.py" line="191"/>
        <source>The hub rejected a wrap-up: {reason}</source>
        <translation>El servidor rechazó un cierre: {reason}</translation>
    </message>
    <message>
        <source>The hub rejected a change: {reason}</source>
        <translation>El servidor rechazó un cambio: {reason}</translation>
    </message>
    <message>
        <source>The hub rejected a confirmation: {reason}</source>
        <translation>El servidor rechazó una confirmación: {reason}</translation>
    </message>
    <message>
        <source>The hub rejected a contact change: {reason}</source>
        <translation>El servidor rechazó un cambio de contacto: {reason}</translation>
    </message>
    <message>
        <source>The hub rejected a callback: {reason}</source>
        <translation>El servidor rechazó una devolución de llamada: {reason}</translation>
    </message>
</context>
<context>
    <name>Pause</name>
    <message>
        <location filename="../../desktop/agent/campaign_rules.py" line="46"/>
        <source>Break</source>
        <translation>Descanso</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/campaign_rules.py" line="47"/>
        <source>Lunch</source>
        <translation>Comida</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/campaign_rules.py" line="48"/>
        <source>Training</source>
        <translation>Capacitación</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/campaign_rules.py" line="49"/>
        <source>Coaching</source>
        <translation>Retroalimentación</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/campaign_rules.py" line="50"/>
        <source>Meeting</source>
        <translation>Junta</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/campaign_rules.py" line="51"/>
        <source>Technical problem</source>
        <translation>Problema técnico</translation>
    </message>
</context>
<context>
    <name>Product</name>
    <message>
        <location filename="../../desktop/common/formatting.py" line="24"/>
        <source>Credit card</source>
        <translation>Tarjeta de crédito</translation>
    </message>
    <message>
        <location filename="../../desktop/common/formatting.py" line="25"/>
        <source>Personal loan</source>
        <translation>Préstamo personal</translation>
    </message>
    <message>
        <location filename="../../desktop/common/formatting.py" line="26"/>
        <source>Telecom</source>
        <translation>Telefonía</translation>
    </message>
    <message>
        <location filename="../../desktop/common/formatting.py" line="27"/>
        <source>Retail credit</source>
        <translation>Crédito de tienda</translation>
    </message>
</context>
<context>
    <name>Promise</name>
    <message>
        <location filename="../../desktop/agent/promise_form.py" line="53"/>
        <source>Payment promise</source>
        <translation>Promesa de pago</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/promise_form.py" line="58"/>
        <location filename="../../desktop/agent/promise_form.py" line="77"/>
        <source>Amount</source>
        <translation>Monto</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/promise_form.py" line="67"/>
        <source>Save promise</source>
        <translation>Guardar promesa</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/promise_form.py" line="76"/>
        <source>Account</source>
        <translation>Cuenta</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/promise_form.py" line="78"/>
        <source>Due date</source>
        <translation>Fecha de pago</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/promise_rules.py" line="68"/>
        <source>Choose the account the promise is for.</source>
        <translation>Elija la cuenta de la promesa.</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/promise_rules.py" line="73"/>
        <source>Enter the amount as a number, for example {example}.</source>
        <translation>Escriba el monto como número, por ejemplo {example}.</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/promise_rules.py" line="78"/>
        <source>The amount must be greater than zero.</source>
        <translation>El monto debe ser mayor que cero.</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/promise_rules.py" line="81"/>
        <source>The amount cannot be more than the balance of {balance}.</source>
        <translation>El monto no puede ser mayor que el saldo de {balance}.</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/promise_rules.py" line="87"/>
        <source>The due date cannot be in the past.</source>
        <translation>La fecha de pago no puede estar en el pasado.</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/promise_rules.py" line="90"/>
        <source>The due date must be on or before {date}.</source>
        <translation>La fecha de pago debe ser a más tardar el {date}.</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/promise_rules.py" line="95"/>
        <source>This account is not open; choose another one.</source>
        <translation>Esta cuenta no está abierta; elija otra.</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/session.py" line="275"/>
        <source>There is no debtor on screen.</source>
        <translation>No hay ningún cliente en pantalla.</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/session.py" line="291"/>
        <source>The promise could not be saved on this computer: {reason}</source>
        <translation>La promesa no se pudo guardar en este equipo: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/session.py" line="299"/>
        <source>Promise saved; it will sync automatically.</source>
        <translation>Promesa guardada; se sincronizará automáticamente.</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/session.py" line="304"/>
        <source>{amount} · account {account} · due {date}</source>
        <translation>{amount} · cuenta {account} · vence {date}</translation>
    </message>
    <message>
        <source>Kind of promise</source>
        <translation>Tipo de promesa</translation>
    </message>
    <message>
        <source>One payment</source>
        <translation>Un pago</translation>
    </message>
    <message>
        <source>Instalment plan</source>
        <translation>Plan de pagos</translation>
    </message>
    <message>
        <source>Settlement</source>
        <translation>Liquidación</translation>
    </message>
    <message>
        <source>Offers the campaign allows</source>
        <translation>Ofertas que permite la campaña</translation>
    </message>
    <message>
        <source>Payment channel</source>
        <translation>Medio de pago</translation>
    </message>
    <message>
        <source>Send a confirmation</source>
        <translation>Enviar una confirmación</translation>
    </message>
    <message>
        <source>Text to read back</source>
        <translation>Texto para leer al deudor</translation>
    </message>
    <message>
        <source>Read back to the debtor</source>
        <translation>Leído al deudor</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>Oferta</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Pago</translation>
    </message>
    <message>
        <source>Confirmation</source>
        <translation>Confirmación</translation>
    </message>
    <message>
        <source>Promises and their sync state</source>
        <translation>Promesas y su estado de sincronización</translation>
    </message>
    <message>
        <source>Do not send</source>
        <translation>No enviar</translation>
    </message>
    <message>
        <source>Choose an offer…</source>
        <translation>Elija una oferta…</translation>
    </message>
    <message>
        <source>I read it back to the debtor and they agreed</source>
        <translation>Se lo leí al deudor y está de acuerdo</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>{count} monthly payments of {amount}</source>
        <translation>{count} pagos mensuales de {amount}</translation>
    </message>
    <message>
        <source>Complete the promise to see the text to read back.</source>
        <translation>Complete la promesa para ver el texto que debe leer.</translation>
    </message>
    <message>
        <source>Settle for {amount} ({discount}% off)</source>
        <translation>Liquidar con {amount} ({discount}% de descuento)</translation>
    </message>
    <message>
        <source>Read the promise back to the debtor before saving.</source>
        <translation>Lea la promesa al deudor antes de guardarla.</translation>
    </message>
    <message>
        <source>Each instalment must fall after the one before.</source>
        <translation>Cada pago debe caer después del anterior.</translation>
    </message>
    <message>
        <source>A plan has 2 to {limit} instalments.</source>
        <translation>Un plan tiene de 2 a {limit} pagos.</translation>
    </message>
    <message>
        <source>The instalments add up to {total}, more than the balance.</source>
        <translation>Los pagos suman {total}, más que el saldo.</translation>
    </message>
    <message>
        <source>That is a {discount}% discount; the campaign allows {limit}% (at least {lowest}).</source>
        <translation>Eso es un descuento del {discount}%; la campaña permite {limit}% (al menos {lowest}).</translation>
    </message>
    <message>
        <source>Instalment {number}: {problem}</source>
        <translation>Pago {number}: {problem}</translation>
    </message>
    <message>
        <source>The campaign asks for at least {minimum} per payment.</source>
        <translation>La campaña pide al menos {minimum} por pago.</translation>
    </message>
    <message>
        <source>Confirmation by SMS</source>
        <translation>Confirmación por SMS</translation>
    </message>
    <message>
        <source>Confirmation by e-mail</source>
        <translation>Confirmación por correo</translation>
    </message>
    <message>
        <source>The confirmation message could not be queued.</source>
        <translation>No se pudo poner en cola el mensaje de confirmación.</translation>
    </message>
</context>
<context>
    <name>Script</name>
    <message>
        <location filename="../../desktop/agent/script_panel.py" line="51"/>
        <location filename="../../desktop/agent/script_panel.py" line="109"/>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/script_panel.py" line="53"/>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/script_panel.py" line="60"/>
        <source>Objections</source>
        <translation>Objeciones</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/script_panel.py" line="94"/>
        <source>No script for this call yet</source>
        <translation>Aún no hay guion para esta llamada</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/script_panel.py" line="100"/>
        <source>The script appears here when a call is handed to you.</source>
        <translation>El guion aparece aquí cuando se le asigna una llamada.</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/script_panel.py" line="109"/>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/script_view_model.py" line="80"/>
        <source>The script could not be started: {reason}</source>
        <translation>No se pudo iniciar el guion: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/script_view_model.py" line="114"/>
        <source>The script cannot go there: {reason}</source>
        <translation>El guion no puede ir ahí: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/session.py" line="400"/>
        <source>The script for this call is not available.</source>
        <translation>El guion de esta llamada no está disponible.</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../desktop/desk.py" line="237"/>
        <source>Set by your IT department</source>
        <translation>Definido por su departamento de TI</translation>
    </message>
</context>
<context>
    <name>Shortcut</name>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/shortcuts.py" line="34"/>
        <source>Answer</source>
        <translation>Contestar</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/shortcuts.py" line="35"/>
        <source>Hang up</source>
        <translation>Colgar</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/shortcuts.py" line="36"/>
        <source>Hold / resume</source>
        <translation>Espera / reanudar</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/shortcuts.py" line="37"/>
        <source>Mute / unmute</source>
        <translation>Silenciar / activar micrófono</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/shortcuts.py" line="38"/>
        <source>Ready / not ready</source>
        <translation>Disponible / no disponible</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/shortcuts.py" line="39"/>
        <source>Pause menu</source>
        <translation>Menú de pausas</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/shortcuts.py" line="40"/>
        <source>Keypad</source>
        <translation>Teclado</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/shortcuts.py" line="41"/>
        <source>Blind transfer</source>
        <translation>Transferencia directa</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/shortcuts.py" line="42"/>
        <source>Consult</source>
        <translation>Consultar</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/shortcuts.py" line="44"/>
        <source>Complete transfer</source>
        <translation>Completar transferencia</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/shortcuts.py" line="46"/>
        <source>Conference</source>
        <translation>Conferencia</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/shortcuts.py" line="47"/>
        <source>Identity confirmed</source>
        <translation>Identidad confirmada</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/shortcuts.py" line="48"/>
        <source>Promise form</source>
        <translation>Formulario de promesa</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/shortcuts.py" line="49"/>
        <source>Wrap-up</source>
        <translation>Cierre de llamada</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/shortcuts.py" line="50"/>
        <source>Volume up</source>
        <translation>Subir volumen</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/shortcuts.py" line="51"/>
        <source>Volume down</source>
        <translation>Bajar volumen</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/shortcuts.py" line="52"/>
        <location filename="../../desktop/agent/shortcuts_dialog.py" line="35"/>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/shortcuts_dialog.py" line="51"/>
        <source>Restore defaults</source>
        <translation>Restaurar predeterminados</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/shortcuts_dialog.py" line="73"/>
        <source>Every action needs a key: {action}.</source>
        <translation>Cada acción necesita una tecla: {action}.</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/shortcuts_dialog.py" line="82"/>
        <source>{key} is used twice: {first} and {second}.</source>
        <translation>{key} se usa dos veces: {first} y {second}.</translation>
    </message>
    <message>
        <source>Ask for help</source>
        <translation>Pedir ayuda</translation>
    </message>
    <message>
        <source>Callbacks list</source>
        <translation>Lista de devoluciones de llamada</translation>
    </message>
    <message>
        <source>Dial a number</source>
        <translation>Marcar un número</translation>
    </message>
    <message>
        <source>Preview: call now</source>
        <translation>Vista previa: llamar ahora</translation>
    </message>
    <message>
        <source>Preview: skip</source>
        <translation>Vista previa: omitir</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Cerrar sesión</translation>
    </message>
</context>
<context>
    <name>Transfer</name>
    <message>
        <location filename="../../desktop/agent/call_dialogs.py" line="91"/>
        <source>Transfer target</source>
        <translation>Destino de la transferencia</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_dialogs.py" line="92"/>
        <source>Extension, number or sip:user@host</source>
        <translation>Extensión, número o sip:usuario@host</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_dialogs.py" line="108"/>
        <source>Consult a colleague</source>
        <translation>Consultar a un colega</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_dialogs.py" line="110"/>
        <source>The customer waits on hold while you talk to the colleague; then complete the transfer, join everyone in a conference, or return to the customer.</source>
        <translation>El cliente espera en línea mientras habla con el colega; después complete la transferencia, únalos en conferencia o vuelva con el cliente.</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_dialogs.py" line="117"/>
        <source>Blind transfer</source>
        <translation>Transferencia directa</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/call_dialogs.py" line="119"/>
        <source>The call goes to the target at once and leaves your desk.</source>
        <translation>La llamada pasa al destino de inmediato y sale de su escritorio.</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <location filename="../../desktop/agent/tray.py" line="43"/>
        <source>Acuerdo — agent workspace</source>
        <translation>Acuerdo — escritorio del asesor</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/tray.py" line="56"/>
        <source>Incoming call</source>
        <translation>Llamada entrante</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/tray.py" line="58"/>
        <source>A call is ringing: answer it from the workspace.</source>
        <translation>Está sonando una llamada: contéstela desde el escritorio.</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/tray.py" line="60"/>
        <source>A customer is being connected to you.</source>
        <translation>Le están conectando a un cliente.</translation>
    </message>
</context>
<context>
    <name>Verify</name>
    <message>
        <location filename="../../desktop/agent/verification_bar.py" line="39"/>
        <source>Identity confirmed  ({key})</source>
        <translation>Identidad confirmada  ({key})</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/verification_bar.py" line="42"/>
        <source>Identity confirmed</source>
        <translation>Identidad confirmada</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/verification_bar.py" line="43"/>
        <location filename="../../desktop/agent/verification_bar.py" line="44"/>
        <source>Not the debtor</source>
        <translation>No es el titular</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/verification_bar.py" line="64"/>
        <source>Before talking about the debt, confirm you are speaking with {name}: ask for the full name and date of birth.</source>
        <translation>Antes de hablar del adeudo, confirme que habla con {name}: pida nombre completo y fecha de nacimiento.</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/verification_bar.py" line="71"/>
        <source>Identity confirmed: right party.</source>
        <translation>Identidad confirmada: es el titular.</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/verification_bar.py" line="74"/>
        <source>Identity not confirmed: do not disclose the debt. Leave a callback number only.</source>
        <translation>Identidad no confirmada: no revele el adeudo. Deje solo un número para devolver la llamada.</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>&amp;Options</source>
        <translation>&amp;Opciones</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Configuración…</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts…</source>
        <translation>&amp;Atajos de teclado…</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/workspace.py" line="56"/>
        <source>Acuerdo — Agent workspace</source>
        <translation>Acuerdo — Escritorio del asesor</translation>
    </message>
    <message>
        <source>Debtor or my day</source>
        <translation>Titular o mi día</translation>
    </message>
    <message>
        <source>&amp;Debtor</source>
        <translation>&amp;Titular</translation>
    </message>
    <message>
        <source>&amp;My day</source>
        <translation>&amp;Mi día</translation>
    </message>
    <message>
        <source>&amp;Callbacks</source>
        <translation>&amp;Devoluciones</translation>
    </message>
</context>
<context>
    <name>WrapUp</name>
    <message>
        <location filename="../../desktop/agent/session.py" line="331"/>
        <source>The wrap-up could not be saved on this computer: {reason}</source>
        <translation>El cierre no se pudo guardar en este equipo: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/wrapup_dialog.py" line="59"/>
        <source>Wrap-up</source>
        <translation>Cierre de llamada</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/wrapup_dialog.py" line="61"/>
        <source>How did the call end? A disposition is required.</source>
        <translation>¿Cómo terminó la llamada? La tipificación es obligatoria.</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/wrapup_dialog.py" line="73"/>
        <source>Notes (optional)</source>
        <translation>Notas (opcional)</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/wrapup_dialog.py" line="76"/>
        <source>Time left for the wrap-up</source>
        <translation>Tiempo restante para el cierre</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/wrapup_dialog.py" line="84"/>
        <source>Submit and go ready</source>
        <translation>Enviar y pasar a disponible</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/wrapup_dialog.py" line="123"/>
        <source>Ready again automatically in {left}</source>
        <translation>Disponible de nuevo automáticamente en {left}</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/wrapup_dialog.py" line="151"/>
        <location filename="../../desktop/agent/wrapup_dialog.py" line="172"/>
        <source>Choose a disposition before submitting.</source>
        <translation>Elija una tipificación antes de enviar.</translation>
    </message>
    <message>
        <location filename="../../desktop/agent/wrapup_dialog.py" line="155"/>
        <source>Notes are too long ({count} characters; at most {limit}).</source>
        <translation>Las notas son demasiado largas ({count} caracteres; máximo {limit}).</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Submit the wrap-up</source>
        <translation>Enviar el cierre</translation>
    </message>
    <message>
        <source>{label}  (Alt+{number})</source>
        <translation>{label}  (Alt+{number})</translation>
    </message>
    <message>
        <source>Callback</source>
        <translation>Devolución de llamada</translation>
    </message>
    <message>
        <source>Schedule a callback</source>
        <translation>Programar una devolución de llamada</translation>
    </message>
    <message>
        <source>Callback date and time</source>
        <translation>Fecha y hora de la devolución</translation>
    </message>
    <message>
        <source>Callback for me</source>
        <translation>Devolución para mí</translation>
    </message>
    <message>
        <source>Callback for anyone</source>
        <translation>Devolución para cualquiera</translation>
    </message>
    <message>
        <source>The callback time has already passed; choose a later one.</source>
        <translation>La hora de la devolución ya pasó; elija una posterior.</translation>
    </message>
    <message>
        <source>For me</source>
        <translation>Para mí</translation>
    </message>
    <message>
        <source>For anyone</source>
        <translation>Para cualquiera</translation>
    </message>
    <message>
        <source>The callback could not be saved on this computer.</source>
        <translation>No se pudo guardar la devolución de llamada en este equipo.</translation>
    </message>
</context>
<context>
    <name>Plan</name>
    <message>
        <source>Weekly</source>
        <translation>Semanal</translation>
    </message>
    <message>
        <source>Every two weeks</source>
        <translation>Quincenal</translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation>Mensual</translation>
    </message>
    <message>
        <source>Instalment plan</source>
        <translation>Plan de pagos</translation>
    </message>
    <message>
        <source>Number of instalments</source>
        <translation>Número de pagos</translation>
    </message>
    <message>
        <source>How often</source>
        <translation>Frecuencia</translation>
    </message>
    <message>
        <source>First payment date</source>
        <translation>Fecha del primer pago</translation>
    </message>
    <message>
        <source>from</source>
        <translation>desde</translation>
    </message>
    <message>
        <source>#{number}</source>
        <translation>n.º {number}</translation>
    </message>
    <message>
        <source>Instalment {number} amount</source>
        <translation>Monto del pago {number}</translation>
    </message>
    <message>
        <source>Instalment {number} date</source>
        <translation>Fecha del pago {number}</translation>
    </message>
</context>
<context>
    <name>Payment</name>
    <message>
        <source>Bank transfer (SPEI)</source>
        <translation>Transferencia (SPEI)</translation>
    </message>
    <message>
        <source>Debit or credit card</source>
        <translation>Tarjeta de débito o crédito</translation>
    </message>
    <message>
        <source>Cash at a convenience store</source>
        <translation>Efectivo en tienda de conveniencia</translation>
    </message>
    <message>
        <source>Cash at a bank branch</source>
        <translation>Efectivo en sucursal bancaria</translation>
    </message>
</context>
<context>
    <name>ReadBack</name>
    <message>
        <source>your {product} account {number}</source>
        <translation>su cuenta de {product} {number}</translation>
    </message>
    <message>
        <source>{facts} Is that correct?</source>
        <translation>{facts} ¿Es correcto?</translation>
    </message>
    <message>
        <source>Payment agreement confirmed. {facts} Thank you.</source>
        <translation>Acuerdo de pago confirmado. {facts} Gracias.</translation>
    </message>
    <message>
        <source>; </source>
        <translation>; </translation>
    </message>
    <message>
        <source>You agree to pay {total} for {what} in {count} instalments: {payments}.</source>
        <translation>Usted se compromete a pagar {total} por {what} en {count} pagos: {payments}.</translation>
    </message>
    <message>
        <source>You agree to pay {amount} on {date} to settle {what}, whose balance is {balance}.</source>
        <translation>Usted se compromete a pagar {amount} el {date} para liquidar {what}, cuyo saldo es {balance}.</translation>
    </message>
    <message>
        <source>You agree to pay {amount} on {date} for {what}.</source>
        <translation>Usted se compromete a pagar {amount} el {date} por {what}.</translation>
    </message>
    <message>
        <source>Payment by: {channel}.</source>
        <translation>Forma de pago: {channel}.</translation>
    </message>
    <message>
        <source>{amount} on {date}</source>
        <translation>{amount} el {date}</translation>
    </message>
</context>
<context>
    <name>Confirm</name>
    <message>
        <source>SMS to {value}</source>
        <translation>SMS a {value}</translation>
    </message>
    <message>
        <source>E-mail to {value}</source>
        <translation>Correo a {value}</translation>
    </message>
</context>
<context>
    <name>Contacts</name>
    <message>
        <source>There is no debtor on screen.</source>
        <translation>No hay ningún deudor en pantalla.</translation>
    </message>
    <message>
        <source>That is not a valid phone number (10 digits, or +country code).</source>
        <translation>No es un número de teléfono válido (10 dígitos, o +código de país).</translation>
    </message>
    <message>
        <source>That number is already on the record.</source>
        <translation>Ese número ya está en el expediente.</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo</translation>
    </message>
    <message>
        <source>wrong number</source>
        <translation>número equivocado</translation>
    </message>
    <message>
        <source>DO NOT CALL</source>
        <translation>NO LLAMAR</translation>
    </message>
    <message>
        <source>Contact points</source>
        <translation>Medios de contacto</translation>
    </message>
    <message>
        <source>Wrong number</source>
        <translation>Número equivocado</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Válido</translation>
    </message>
    <message>
        <source>New number</source>
        <translation>Número nuevo</translation>
    </message>
    <message>
        <source>Add number</source>
        <translation>Agregar número</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>Say in a few words what you need.</source>
        <translation>Diga en pocas palabras qué necesita.</translation>
    </message>
    <message>
        <source>Keep it under {limit} characters.</source>
        <translation>Use menos de {limit} caracteres.</translation>
    </message>
    <message>
        <source>The help request could not reach the hub; try again.</source>
        <translation>La solicitud de ayuda no llegó al servidor; inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>Ask a supervisor for help</source>
        <translation>Pedir ayuda a un supervisor</translation>
    </message>
    <message>
        <source>What do you need? (e.g. debtor disputes)</source>
        <translation>¿Qué necesita? (p. ej., el deudor disputa la deuda)</translation>
    </message>
    <message>
        <source>Help message</source>
        <translation>Mensaje de ayuda</translation>
    </message>
    <message>
        <source>Send the help request</source>
        <translation>Enviar la solicitud de ayuda</translation>
    </message>
    <message>
        <source>Help requested · withdraw</source>
        <translation>Ayuda solicitada · retirar</translation>
    </message>
    <message>
        <source>Ask for help</source>
        <translation>Pedir ayuda</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
</context>
<context>
    <name>Orders</name>
    <message>
        <source>Set to not ready</source>
        <translation>Puesto en no disponible</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Sesión cerrada</translation>
    </message>
    <message>
        <source>Help request closed</source>
        <translation>Solicitud de ayuda cerrada</translation>
    </message>
    <message>
        <source>More time for the wrap-up</source>
        <translation>Más tiempo para el cierre</translation>
    </message>
    <message>
        <source>{by} set you to not ready.</source>
        <translation>{by} lo puso en no disponible.</translation>
    </message>
    <message>
        <source>{by} signed you out.</source>
        <translation>{by} cerró su sesión.</translation>
    </message>
    <message>
        <source>Message from {by}</source>
        <translation>Mensaje de {by}</translation>
    </message>
    <message>
        <source>{by} closed your help request.</source>
        <translation>{by} cerró su solicitud de ayuda.</translation>
    </message>
    <message>
        <source>{by} gave you {seconds} more seconds.</source>
        <translation>{by} le dio {seconds} segundos más.</translation>
    </message>
    <message>
        <source>Notice from a supervisor</source>
        <translation>Aviso de un supervisor</translation>
    </message>
    <message>
        <source>Dismiss the notice</source>
        <translation>Descartar el aviso</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>No goal set</source>
        <translation>Sin meta definida</translation>
    </message>
    <message>
        <source>Goal met</source>
        <translation>Meta cumplida</translation>
    </message>
    <message>
        <source>{pct} of contacts</source>
        <translation>{pct} de los contactos</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contactos</translation>
    </message>
    <message>
        <source>Right-party contacts</source>
        <translation>Contactos con el titular</translation>
    </message>
    <message>
        <source>Promises</source>
        <translation>Promesas</translation>
    </message>
    <message>
        <source>Goal {goal} · {left} to go</source>
        <translation>Meta {goal} · faltan {left}</translation>
    </message>
    <message>
        <source>Promised</source>
        <translation>Monto prometido</translation>
    </message>
    <message>
        <source>Goal {goal}</source>
        <translation>Meta {goal}</translation>
    </message>
    <message>
        <source>Promises kept</source>
        <translation>Promesas cumplidas</translation>
    </message>
    <message>
        <source>last 8 weeks</source>
        <translation>últimas 8 semanas</translation>
    </message>
    <message>
        <source>My day</source>
        <translation>Mi día</translation>
    </message>
    <message>
        <source>Dashboard status</source>
        <translation>Estado del tablero</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Refresh my figures</source>
        <translation>Actualizar mis cifras</translation>
    </message>
    <message>
        <source>Contacts per hour today</source>
        <translation>Contactos por hora hoy</translation>
    </message>
    <message>
        <source>Promises kept per week</source>
        <translation>Promesas cumplidas por semana</translation>
    </message>
    <message>
        <source>Offline · figures from {time}</source>
        <translation>Sin conexión · cifras de las {time}</translation>
    </message>
    <message>
        <source>Offline · no figures yet</source>
        <translation>Sin conexión · aún no hay cifras</translation>
    </message>
    <message>
        <source>Updated {time}</source>
        <translation>Actualizado a las {time}</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>Waiting for the hub…</source>
        <translation>Esperando al servidor…</translation>
    </message>
</context>
<context>
    <name>MonitorNotice</name>
    <message>
        <source>A supervisor</source>
        <translation>Un supervisor</translation>
    </message>
    <message>
        <source>{name} is coaching you: only you hear them</source>
        <translation>{name} te está orientando: solo tú escuchas su voz</translation>
    </message>
    <message>
        <source>{name} has joined the call: the customer hears them too</source>
        <translation>{name} se unió a la llamada: el cliente también escucha su voz</translation>
    </message>
    <message>
        <source>{name} is listening to this call</source>
        <translation>{name} está escuchando esta llamada</translation>
    </message>
    <message>
        <source>Supervisor on the line</source>
        <translation>Supervisor en la línea</translation>
    </message>
</context>
<context>
    <name>Callbacks</name>
    <message>
        <source>Debtor</source>
        <translation>Deudor</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Para</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>{time} · overdue</source>
        <translation>{time} · vencida</translation>
    </message>
    <message>
        <source>Dia&amp;l</source>
        <translation>Mar&amp;car</translation>
    </message>
    <message>
        <source>Dial the selected callback</source>
        <translation>Marcar la devolución de llamada seleccionada</translation>
    </message>
    <message>
        <source>My callbacks</source>
        <translation>Mis devoluciones de llamada</translation>
    </message>
    <message>
        <source>Pending callbacks</source>
        <translation>Devoluciones de llamada pendientes</translation>
    </message>
    <message>
        <source>{count} pending callbacks</source>
        <translation>Devoluciones de llamada pendientes: {count}</translation>
    </message>
    <message>
        <source>Callback due</source>
        <translation>Devolución de llamada pendiente</translation>
    </message>
    <message>
        <source>Callback due: {name} ({time}). Press {key} to see the list.</source>
        <translation>Devolución de llamada pendiente: {name} ({time}). Presione {key} para ver la lista.</translation>
    </message>
</context>
<context>
    <name>Dial</name>
    <message>
        <source>Open a debtor first: you can only dial their numbers.</source>
        <translation>Abra primero un deudor: solo puede marcar a sus números.</translation>
    </message>
    <message>
        <source>Saved data notice</source>
        <translation>Aviso de datos guardados</translation>
    </message>
    <message>
        <source>&amp;Dial</source>
        <translation>&amp;Marcar</translation>
    </message>
    <message>
        <source>&amp;Number (from the debtor&apos;s record):</source>
        <translation>&amp;Número (del expediente del deudor):</translation>
    </message>
    <message>
        <source>Dial a number</source>
        <translation>Marcar un número</translation>
    </message>
    <message>
        <source>Dial one of the debtor&apos;s numbers</source>
        <translation>Marcar uno de los números del deudor</translation>
    </message>
    <message>
        <source>Number to dial</source>
        <translation>Número a marcar</translation>
    </message>
    <message>
        <source>do not call</source>
        <translation>no llamar</translation>
    </message>
    <message>
        <source>wrong number</source>
        <translation>número equivocado</translation>
    </message>
    <message>
        <source>Do not call: the debtor asked not to be called there.</source>
        <translation>No llamar: el deudor pidió que no se le llame a ese número.</translation>
    </message>
    <message>
        <source>Hang up the current call first.</source>
        <translation>Cuelgue primero la llamada en curso.</translation>
    </message>
    <message>
        <source>It is outside the calling window in the debtor&apos;s local time.</source>
        <translation>Está fuera del horario permitido de llamadas en la hora local del deudor.</translation>
    </message>
    <message>
        <source>No number of this debtor can be dialled now. {reason}</source>
        <translation>Ahora no se puede marcar a ningún número de este deudor. {reason}</translation>
    </message>
    <message>
        <source>No outgoing trunk is set up on this desk.</source>
        <translation>Este equipo no tiene configurada una troncal de salida.</translation>
    </message>
    <message>
        <source>Offline — showing saved data from {time}.</source>
        <translation>Sin conexión — se muestran datos guardados del {time}.</translation>
    </message>
    <message>
        <source>That is not a valid phone number.</source>
        <translation>Ese no es un número de teléfono válido.</translation>
    </message>
    <message>
        <source>That number is marked as a wrong number.</source>
        <translation>Ese número está marcado como número equivocado.</translation>
    </message>
    <message>
        <source>That number is not on this debtor&apos;s record; add it as a new number first.</source>
        <translation>Ese número no está en el expediente del deudor; agréguelo primero como número nuevo.</translation>
    </message>
    <message>
        <source>The debtor&apos;s record cannot be opened now; try again later.</source>
        <translation>El expediente del deudor no se puede abrir ahora; inténtelo más tarde.</translation>
    </message>
</context>
<context>
    <name>Preview</name>
    <message>
        <source>Call now</source>
        <translation>Llamar ahora</translation>
    </message>
    <message>
        <source>Preview: call or skip this debtor</source>
        <translation>Vista previa: llamar u omitir a este deudor</translation>
    </message>
    <message>
        <source>Preview: call the debtor when ready.</source>
        <translation>Vista previa: llame al deudor cuando esté listo.</translation>
    </message>
    <message>
        <source>Preview: the call is dialled in {seconds} s.</source>
        <translation>Vista previa: la llamada se marca en {seconds} s.</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Omitir</translation>
    </message>
    <message>
        <source>Skip this debtor</source>
        <translation>Omitir a este deudor</translation>
    </message>
</context>
</TS>
