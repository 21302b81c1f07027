<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_MX" sourcelanguage="en_US">
<context>
    <name>Accounts</name>
    <message>
        <source>Product</source>
        <translation>Producto</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Cuenta</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Saldo</translation>
    </message>
    <message>
        <source>Days past due</source>
        <translation>Días de atraso</translation>
    </message>
    <message>
        <source>Minimum payment</source>
        <translation>Pago mínimo</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segmento</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Cuentas</translation>
    </message>
</context>
<context>
    <name>Agent</name>
    <message>
        <source>Finish the current call and its wrap-up first.</source>
        <translation>Primero termine la llamada actual y su cierre.</translation>
    </message>
    <message>
        <source>Something went wrong; the support log has details.</source>
        <translation>Algo salió mal; el registro de soporte tiene los detalles.</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <source>Not ready</source>
        <translation>No disponible</translation>
    </message>
    <message>
        <source>On a call</source>
        <translation>En llamada</translation>
    </message>
    <message>
        <source>Wrap-up</source>
        <translation>Cierre</translation>
    </message>
    <message>
        <source>Logged out</source>
        <translation>Sin sesión</translation>
    </message>
    <message>
        <source>Toggle ready / not ready (F9)</source>
        <translation>Cambiar disponible / no disponible (F9)</translation>
    </message>
    <message>
        <source>Go not ready</source>
        <translation>Pasar a no disponible</translation>
    </message>
    <message>
        <source>Go ready</source>
        <translation>Pasar a disponible</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>The local data folder cannot be used: {reason}</source>
        <translation>No se puede usar la carpeta de datos local: {reason}</translation>
    </message>
    <message>
        <source>The softphone could not start: {reason}</source>
        <translation>El softphone no pudo iniciar: {reason}</translation>
    </message>
</context>
<context>
    <name>Call</name>
    <message>
        <source>No call</source>
        <translation>Sin llamada</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>En espera</translation>
    </message>
    <message>
        <source>Ringing</source>
        <translation>Timbrando</translation>
    </message>
    <message>
        <source>Calling</source>
        <translation>Llamando</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>Conectando</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Conectada</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Terminada</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Contestar</translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation>Colgar</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>Espera</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Silenciar</translation>
    </message>
    <message>
        <source>The call could not be answered automatically.</source>
        <translation>La llamada no se pudo contestar automáticamente.</translation>
    </message>
    <message>
        <source>The customer hung up before the call connected.</source>
        <translation>El cliente colgó antes de que la llamada se conectara.</translation>
    </message>
    <message>
        <source>The softphone is not running.</source>
        <translation>El softphone no está funcionando.</translation>
    </message>
    <message>
        <source>The phone could not do that: {reason}</source>
        <translation>El teléfono no pudo hacerlo: {reason}</translation>
    </message>
</context>
<context>
    <name>Channel</name>
    <message>
        <source>Call</source>
        <translation>Llamada</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo</translation>
    </message>
    <message>
        <source>Messenger</source>
        <translation>Messenger</translation>
    </message>
    <message>
        <source>Voice blast</source>
        <translation>Mensaje de voz masivo</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Pago</translation>
    </message>
    <message>
        <source>Promise</source>
        <translation>Promesa</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
</context>
<context>
    <name>Connection</name>
    <message>
        <source>Online</source>
        <translation>En línea</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <source>Sign-in refused</source>
        <translation>Acceso rechazado</translation>
    </message>
</context>
<context>
    <name>Debtor</name>
    <message>
        <source>Waiting for the next call</source>
        <translation>Esperando la siguiente llamada</translation>
    </message>
    <message>
        <source>Go ready to receive calls.</source>
        <translation>Pase a disponible para recibir llamadas.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>Broken promises: {broken} · Last payment: {last}</source>
        <translation>Promesas incumplidas: {broken} · Último pago: {last}</translation>
    </message>
    <message>
        <source>Local time {time}</source>
        <translation>Hora local {time}</translation>
    </message>
</context>
<context>
    <name>Disposition</name>
    <message>
        <source>Promise to pay</source>
        <translation>Promesa de pago</translation>
    </message>
    <message>
        <source>Call back later</source>
        <translation>Volver a llamar</translation>
    </message>
    <message>
        <source>No agreement</source>
        <translation>Sin acuerdo</translation>
    </message>
    <message>
        <source>Says already paid</source>
        <translation>Indica que ya pagó</translation>
    </message>
    <message>
        <source>Disputes the debt</source>
        <translation>No reconoce el adeudo</translation>
    </message>
    <message>
        <source>Third party answered</source>
        <translation>Contestó un tercero</translation>
    </message>
    <message>
        <source>Identity not verified</source>
        <translation>Identidad no verificada</translation>
    </message>
    <message>
        <source>Wrong number</source>
        <translation>Número equivocado</translation>
    </message>
    <message>
        <source>No answer / voicemail</source>
        <translation>Sin respuesta / buzón de voz</translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message>
        <source>unknown time zone</source>
        <translation>zona horaria desconocida</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>History ({shown} of {total})</source>
        <translation>Historial ({shown} de {total})</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <source>Older history could not be loaded now.</source>
        <translation>No se pudo cargar el historial anterior en este momento.</translation>
    </message>
</context>
<context>
    <name>Login</name>
    <message>
        <source>The hub at {url} cannot be reached. Check the address and the network.</source>
        <translation>No se puede conectar con el servidor en {url}. Revise la dirección y la red.</translation>
    </message>
    <message>
        <source>Wrong user or password.</source>
        <translation>Usuario o contraseña incorrectos.</translation>
    </message>
    <message>
        <source>Acuerdo — Sign in</source>
        <translation>Acuerdo — Iniciar sesión</translation>
    </message>
    <message>
        <source>Sign in to your contact centre</source>
        <translation>Inicie sesión en su centro de contacto</translation>
    </message>
    <message>
        <source>for example ana</source>
        <translation>por ejemplo ana</translation>
    </message>
    <message>
        <source>Remember password on this computer</source>
        <translation>Recordar la contraseña en este equipo</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>Hub address</source>
        <translation>Dirección del servidor</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>The hub address must start with ws:// or wss://.</source>
        <translation>La dirección del servidor debe empezar con ws:// o wss://.</translation>
    </message>
    <message>
        <source>Enter your user and password.</source>
        <translation>Escriba su usuario y contraseña.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Iniciando sesión…</translation>
    </message>
    <message>
        <source>This computer has no password keyring, so the password cannot be remembered. You will be asked for it at each sign-in.</source>
        <translation>Este equipo no tiene un llavero de contraseñas, así que la contraseña no se puede recordar. Se le pedirá en cada inicio de sesión.</translation>
    </message>
    <message>
        <source>The keyring refused to store the password: {reason}</source>
        <translation>El llavero no pudo guardar la contraseña: {reason}</translation>
    </message>
</context>
<context>
    <name>Outbox</name>
    <message>
        <source>Saved locally</source>
        <translation>Guardada localmente</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Enviando</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Sincronizada</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rechazada</translation>
    </message>
    <message>
        <source>Unsynced: {count}</source>
        <translation>Sin sincronizar: {count}</translation>
    </message>
    <message>
        <source>The hub rejected a promise: {reason}</source>
        <translation>El servidor rechazó una promesa: {reason}</translation>
    </message>
    <message>
        <source>The hub rejected a wrap-up: {reason}</source>
        <translation>El servidor rechazó un cierre: {reason}</translation>
    </message>
</context>
<context>
    <name>Product</name>
    <message>
        <source>Credit card</source>
        <translation>Tarjeta de crédito</translation>
    </message>
    <message>
        <source>Personal loan</source>
        <translation>Préstamo personal</translation>
    </message>
    <message>
        <source>Telecom</source>
        <translation>Telefonía</translation>
    </message>
    <message>
        <source>Retail credit</source>
        <translation>Crédito de tienda</translation>
    </message>
</context>
<context>
    <name>Promise</name>
    <message>
        <source>Payment promise</source>
        <translation>Promesa de pago</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Monto</translation>
    </message>
    <message>
        <source>Save promise</source>
        <translation>Guardar promesa</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Cuenta</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Fecha de pago</translation>
    </message>
    <message>
        <source>Choose the account the promise is for.</source>
        <translation>Elija la cuenta de la promesa.</translation>
    </message>
    <message>
        <source>Enter the amount as a number, for example {example}.</source>
        <translation>Escriba el monto como número, por ejemplo {example}.</translation>
    </message>
    <message>
        <source>The amount must be greater than zero.</source>
        <translation>El monto debe ser mayor que cero.</translation>
    </message>
    <message>
        <source>The amount cannot be more than the balance of {balance}.</source>
        <translation>El monto no puede ser mayor que el saldo de {balance}.</translation>
    </message>
    <message>
        <source>The due date cannot be in the past.</source>
        <translation>La fecha de pago no puede estar en el pasado.</translation>
    </message>
    <message>
        <source>The due date must be on or before {date}.</source>
        <translation>La fecha de pago debe ser a más tardar el {date}.</translation>
    </message>
    <message>
        <source>This account is not open; choose another one.</source>
        <translation>Esta cuenta no está abierta; elija otra.</translation>
    </message>
    <message>
        <source>There is no debtor on screen.</source>
        <translation>No hay ningún cliente en pantalla.</translation>
    </message>
    <message>
        <source>The promise could not be saved on this computer: {reason}</source>
        <translation>La promesa no se pudo guardar en este equipo: {reason}</translation>
    </message>
    <message>
        <source>Promise saved; it will sync automatically.</source>
        <translation>Promesa guardada; se sincronizará automáticamente.</translation>
    </message>
    <message>
        <source>{amount} · account {account} · due {date}</source>
        <translation>{amount} · cuenta {account} · vence {date}</translation>
    </message>
</context>
<context>
    <name>Script</name>
    <message>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <source>Objections</source>
        <translation>Objeciones</translation>
    </message>
    <message>
        <source>No script for this call yet</source>
        <translation>Aún no hay guion para esta llamada</translation>
    </message>
    <message>
        <source>The script appears here when a call is handed to you.</source>
        <translation>El guion aparece aquí cuando se le asigna una llamada.</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <source>The script could not be started: {reason}</source>
        <translation>No se pudo iniciar el guion: {reason}</translation>
    </message>
    <message>
        <source>The script cannot go there: {reason}</source>
        <translation>El guion no puede ir ahí: {reason}</translation>
    </message>
    <message>
        <source>The script for this call is not available.</source>
        <translation>El guion de esta llamada no está disponible.</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>Acuerdo — Agent workspace</source>
        <translation>Acuerdo — Escritorio del asesor</translation>
    </message>
</context>
<context>
    <name>WrapUp</name>
    <message>
        <source>The wrap-up could not be saved on this computer: {reason}</source>
        <translation>El cierre no se pudo guardar en este equipo: {reason}</translation>
    </message>
    <message>
        <source>Wrap-up</source>
        <translation>Cierre de llamada</translation>
    </message>
    <message>
        <source>How did the call end? A disposition is required.</source>
        <translation>¿Cómo terminó la llamada? La tipificación es obligatoria.</translation>
    </message>
    <message>
        <source>Notes (optional)</source>
        <translation>Notas (opcional)</translation>
    </message>
    <message>
        <source>Submit and go ready</source>
        <translation>Enviar y pasar a disponible</translation>
    </message>
    <message>
        <source>Choose a disposition before submitting.</source>
        <translation>Elija una tipificación antes de enviar.</translation>
    </message>
    <message>
        <source>Notes are too long ({count} characters; at most {limit}).</source>
        <translation>Las notas son demasiado largas ({count} caracteres; máximo {limit}).</translation>
    </message>
</context>
</TS>
