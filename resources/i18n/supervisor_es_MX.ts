<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_MX">
<context>
    <name>Supervisor</name>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Configuración…</translation>
    </message>
    <message>
        <source>The hub is offline. Try again when the connection is back.</source>
        <translation>El hub está desconectado. Vuelve a intentarlo cuando regrese la conexión.</translation>
    </message>
    <message>
        <source>The hub did not answer in time. Try again.</source>
        <translation>El hub no respondió a tiempo. Vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>{name} is now not ready.</source>
        <translation>{name} ahora está en no disponible.</translation>
    </message>
    <message>
        <source>{name} was logged out.</source>
        <translation>Se cerró la sesión de {name}.</translation>
    </message>
    <message>
        <source>{name} has {seconds} more seconds of wrap-up.</source>
        <translation>{name} tiene {seconds} segundos más de cierre.</translation>
    </message>
    <message>
        <source>Message sent to {name}.</source>
        <translation>Mensaje enviado a {name}.</translation>
    </message>
    <message>
        <source>Help flag of {name} cleared.</source>
        <translation>Se quitó la solicitud de ayuda de {name}.</translation>
    </message>
    <message>
        <source>You are not allowed to do that.</source>
        <translation>No tienes permiso para hacer eso.</translation>
    </message>
    <message>
        <source>The hub does not know that agent.</source>
        <translation>El hub no conoce a ese agente.</translation>
    </message>
    <message>
        <source>The agent is no longer on a call.</source>
        <translation>El agente ya no está en llamada.</translation>
    </message>
    <message>
        <source>The hub refused the request: {reason}</source>
        <translation>El hub rechazó la solicitud: {reason}</translation>
    </message>
    <message>
        <source>An extension is between 1 and 1800 seconds.</source>
        <translation>Una extensión va de 1 a 1800 segundos.</translation>
    </message>
    <message>
        <source>Write a message first.</source>
        <translation>Escribe primero un mensaje.</translation>
    </message>
    <message>
        <source>Log out agent</source>
        <translation>Cerrar sesión del agente</translation>
    </message>
    <message>
        <source>Extend wrap-up</source>
        <translation>Extender cierre</translation>
    </message>
    <message>
        <source>More seconds of wrap-up (1 to 1800):</source>
        <translation>Segundos adicionales de cierre (1 a 1800):</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>Enviar mensaje</translation>
    </message>
    <message>
        <source>Message for the agent:</source>
        <translation>Mensaje para el agente:</translation>
    </message>
    <message>
        <source>Only an agent on a call can be monitored.</source>
        <translation>Solo se puede monitorear a un agente en llamada.</translation>
    </message>
    <message>
        <source>Log {name} out now? A call in progress is not cut, but no new call comes.</source>
        <translation>¿Cerrar ahora la sesión de {name}? Una llamada en curso no se corta, pero no recibirá más llamadas.</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campaña</translation>
    </message>
    <message>
        <source>Debtor</source>
        <translation>Deudor</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Llamada</translation>
    </message>
    <message>
        <source>Script step</source>
        <translation>Paso del guion</translation>
    </message>
    <message>
        <source>MOS</source>
        <translation>MOS</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contactos</translation>
    </message>
    <message>
        <source>Promises</source>
        <translation>Promesas</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>Atención</translation>
    </message>
    <message>
        <source>Help: {message}</source>
        <translation>Ayuda: {message}</translation>
    </message>
    <message>
        <source>Find an agent, pause, step or help message (Ctrl+F)</source>
        <translation>Buscar agente, pausa, paso o mensaje de ayuda (Ctrl+F)</translation>
    </message>
    <message>
        <source>Filter the floor by text</source>
        <translation>Filtrar el piso por texto</translation>
    </message>
    <message>
        <source>Filter by state</source>
        <translation>Filtrar por estado</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>Todos los estados</translation>
    </message>
    <message>
        <source>Filter by campaign</source>
        <translation>Filtrar por campaña</translation>
    </message>
    <message>
        <source>All campaigns</source>
        <translation>Todas las campañas</translation>
    </message>
    <message>
        <source>Needs attention only</source>
        <translation>Solo los que requieren atención</translation>
    </message>
    <message>
        <source>Show only agents who need attention</source>
        <translation>Mostrar solo agentes que requieren atención</translation>
    </message>
    <message>
        <source>Agents on the floor</source>
        <translation>Agentes en el piso</translation>
    </message>
    <message>
        <source>Find on the floor</source>
        <translation>Buscar en el piso</translation>
    </message>
    <message>
        <source>Actions on this agent</source>
        <translation>Acciones sobre este agente</translation>
    </message>
    <message>
        <source>{shown} of {total} agents</source>
        <translation>{shown} de {total} agentes</translation>
    </message>
    <message>
        <source>Logged out</source>
        <translation>Sin sesión</translation>
    </message>
    <message>
        <source>Not ready</source>
        <translation>No disponible</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <source>On call</source>
        <translation>En llamada</translation>
    </message>
    <message>
        <source>Wrap-up</source>
        <translation>Cierre</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>Escuchar</translation>
    </message>
    <message>
        <source>Coach</source>
        <translation>Asesorar</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Unirse</translation>
    </message>
    <message>
        <source>Asked for help</source>
        <translation>Pidió ayuda</translation>
    </message>
    <message>
        <source>Wrap-up too long</source>
        <translation>Cierre demasiado largo</translation>
    </message>
    <message>
        <source>Call too long</source>
        <translation>Llamada demasiado larga</translation>
    </message>
    <message>
        <source>Poor call quality</source>
        <translation>Mala calidad de llamada</translation>
    </message>
    <message>
        <source>Floor figures for today</source>
        <translation>Cifras del piso de hoy</translation>
    </message>
    <message>
        <source>Right-party rate</source>
        <translation>Tasa de contacto efectivo</translation>
    </message>
    <message>
        <source>Promise rate</source>
        <translation>Tasa de promesas</translation>
    </message>
    <message>
        <source>Promised</source>
        <translation>Prometido</translation>
    </message>
    <message>
        <source>Kept rate</source>
        <translation>Tasa de cumplimiento</translation>
    </message>
    <message>
        <source>Occupancy</source>
        <translation>Ocupación</translation>
    </message>
    <message>
        <source>Average handle time</source>
        <translation>Tiempo medio de atención</translation>
    </message>
    <message>
        <source>Average wrap-up</source>
        <translation>Cierre promedio</translation>
    </message>
    <message>
        <source>Abandonment</source>
        <translation>Abandono</translation>
    </message>
    <message>
        <source>Contacts per hour</source>
        <translation>Contactos por hora</translation>
    </message>
    <message>
        <source>Promised against goal</source>
        <translation>Prometido contra meta</translation>
    </message>
    <message>
        <source>Kept rate by week</source>
        <translation>Cumplimiento por semana</translation>
    </message>
    <message>
        <source>Abandonment against the legal limit</source>
        <translation>Abandono contra el límite legal</translation>
    </message>
    <message>
        <source>goal</source>
        <translation>meta</translation>
    </message>
    <message>
        <source>legal limit</source>
        <translation>límite legal</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>{amount} of {goal}</source>
        <translation>{amount} de {goal}</translation>
    </message>
    <message>
        <source>{rate} (limit {limit})</source>
        <translation>{rate} (límite {limit})</translation>
    </message>
    <message>
        <source>The monitored call ended.</source>
        <translation>La llamada monitoreada terminó.</translation>
    </message>
    <message>
        <source>Monitoring needs the softphone, which is not running.</source>
        <translation>Para monitorear se necesita el softphone, que no está en marcha.</translation>
    </message>
    <message>
        <source>The agent's phone address is not known to the hub.</source>
        <translation>El hub no conoce la dirección del teléfono del agente.</translation>
    </message>
    <message>
        <source>The hub sent an unexpected answer.</source>
        <translation>El hub envió una respuesta inesperada.</translation>
    </message>
    <message>
        <source>The monitor call could not start.</source>
        <translation>No se pudo iniciar la llamada de monitoreo.</translation>
    </message>
    <message>
        <source>{mode}: {name}</source>
        <translation>{mode}: {name}</translation>
    </message>
    <message>
        <source>The mode could not be changed.</source>
        <translation>No se pudo cambiar el modo.</translation>
    </message>
    <message>
        <source>Call monitoring</source>
        <translation>Monitoreo de llamadas</translation>
    </message>
    <message>
        <source>Monitoring status</source>
        <translation>Estado del monitoreo</translation>
    </message>
    <message>
        <source>Not monitoring. Pick an agent on a call and press Enter to listen.</source>
        <translation>Sin monitoreo. Elige un agente en llamada y pulsa Intro para escuchar.</translation>
    </message>
    <message>
        <source>Connecting to {name}…</source>
        <translation>Conectando con {name}…</translation>
    </message>
    <message>
        <source>{mode} · {name} · {elapsed}</source>
        <translation>{mode} · {name} · {elapsed}</translation>
    </message>
    <message>
        <source>{status} (changing mode…)</source>
        <translation>{status} (cambiando de modo…)</translation>
    </message>
    <message>
        <source>Supervisor floor</source>
        <translation>Piso del supervisor</translation>
    </message>
    <message>
        <source>Last outcome</source>
        <translation>Último resultado</translation>
    </message>
    <message>
        <source>Hub: connected</source>
        <translation>Hub: conectado</translation>
    </message>
    <message>
        <source>Hub: connecting…</source>
        <translation>Hub: conectando…</translation>
    </message>
    <message>
        <source>&amp;Floor</source>
        <translation>&amp;Piso</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>&amp;Monitor</source>
        <translation>&amp;Monitoreo</translation>
    </message>
    <message>
        <source>&amp;Agent</source>
        <translation>&amp;Agente</translation>
    </message>
    <message>
        <source>Hub: offline</source>
        <translation>Hub: desconectado</translation>
    </message>
    <message>
        <source>Floor — {name}</source>
        <translation>Piso — {name}</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>Salir del monitoreo</translation>
    </message>
    <message>
        <source>Force not ready</source>
        <translation>Forzar no disponible</translation>
    </message>
    <message>
        <source>Log out…</source>
        <translation>Cerrar sesión…</translation>
    </message>
    <message>
        <source>Extend wrap-up +60 s</source>
        <translation>Extender cierre +60 s</translation>
    </message>
    <message>
        <source>Extend wrap-up +120 s</source>
        <translation>Extender cierre +120 s</translation>
    </message>
    <message>
        <source>Extend wrap-up…</source>
        <translation>Extender cierre…</translation>
    </message>
    <message>
        <source>Send message…</source>
        <translation>Enviar mensaje…</translation>
    </message>
    <message>
        <source>Clear help flag</source>
        <translation>Quitar solicitud de ayuda</translation>
    </message>
</context>
</TS>
