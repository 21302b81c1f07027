<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_MX" sourcelanguage="en_US">
<context>
    <name>ScriptEditor</name>
    <message>
        <source>Script editor</source>
        <translation>Editor de guiones</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Nodo</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Cambios sin guardar</translation>
    </message>
    <message>
        <source>Every arrow of {node} is already taken.</source>
        <translation>Todas las flechas de {node} ya están ocupadas.</translation>
    </message>
    <message>
        <source>Connected {source} to {target}.</source>
        <translation>Se conectó {source} con {target}.</translation>
    </message>
    <message>
        <source>Pick the node that {node} leads to.</source>
        <translation>Elija el nodo al que lleva {node}.</translation>
    </message>
    <message>
        <source>Copied {count} node(s).</source>
        <translation>Se copiaron {count} nodo(s).</translation>
    </message>
    <message>
        <source>No drafts folder is configured.</source>
        <translation>No hay una carpeta de borradores configurada.</translation>
    </message>
    <message>
        <source>Draft saved.</source>
        <translation>Borrador guardado.</translation>
    </message>
    <message>
        <source>Cannot import: {reason}</source>
        <translation>No se pudo importar: {reason}</translation>
    </message>
    <message>
        <source>Imported {name}.</source>
        <translation>Se importó {name}.</translation>
    </message>
    <message>
        <source>Cannot export: {reason}</source>
        <translation>No se pudo exportar: {reason}</translation>
    </message>
    <message>
        <source>Exported {name}.</source>
        <translation>Se exportó {name}.</translation>
    </message>
    <message>
        <source>Import script</source>
        <translation>Importar guion</translation>
    </message>
    <message>
        <source>Export script</source>
        <translation>Exportar guion</translation>
    </message>
    <message>
        <source>Publishing is not available here.</source>
        <translation>Publicar no está disponible aquí.</translation>
    </message>
    <message>
        <source>Fix the errors in the problems list before publishing.</source>
        <translation>Corrija los errores de la lista de problemas antes de publicar.</translation>
    </message>
    <message>
        <source>Publishing…</source>
        <translation>Publicando…</translation>
    </message>
    <message>
        <source>Not published: {reason}</source>
        <translation>No se publicó: {reason}</translation>
    </message>
    <message>
        <source>Published version {version}.</source>
        <translation>Se publicó la versión {version}.</translation>
    </message>
    <message>
        <source>Say</source>
        <translation>Decir</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>Preguntar</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>Oferta</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>Condición</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Open the promise form</source>
        <translation>Abrir el formulario de promesa</translation>
    </message>
    <message>
        <source>Schedule a callback</source>
        <translation>Agendar una nueva llamada</translation>
    </message>
    <message>
        <source>Transfer the call</source>
        <translation>Transferir la llamada</translation>
    </message>
    <message>
        <source>Set a disposition</source>
        <translation>Registrar una tipificación</translation>
    </message>
    <message>
        <source>Mark the number as wrong</source>
        <translation>Marcar el número como equivocado</translation>
    </message>
    <message>
        <source>Select a node in the graph or the outline.</source>
        <translation>Seleccione un nodo en el diagrama o en el esquema.</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>&amp;Tipo</translation>
    </message>
    <message>
        <source>Start the script here</source>
        <translation>Iniciar el guion aquí</translation>
    </message>
    <message>
        <source>Text ({locale})</source>
        <translation>Texto ({locale})</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Siguiente</translation>
    </message>
    <message>
        <source>Disposition</source>
        <translation>Tipificación</translation>
    </message>
    <message>
        <source>Return to where the objection started</source>
        <translation>Volver a donde empezó la objeción</translation>
    </message>
    <message>
        <source>Where this leads; $resume returns to where an objection started</source>
        <translation>A dónde lleva; $resume regresa a donde empezó la objeción</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Respuestas</translation>
    </message>
    <message>
        <source>Add answer</source>
        <translation>Agregar respuesta</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Subir</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Bajar</translation>
    </message>
    <message>
        <source>Answer id</source>
        <translation>Id de la respuesta</translation>
    </message>
    <message>
        <source>Answer ({locale})</source>
        <translation>Respuesta ({locale})</translation>
    </message>
    <message>
        <source>Answer leads to</source>
        <translation>La respuesta lleva a</translation>
    </message>
    <message>
        <source>If ({number})</source>
        <translation>Si ({number})</translation>
    </message>
    <message>
        <source>then go to</source>
        <translation>entonces ir a</translation>
    </message>
    <message>
        <source>Add condition</source>
        <translation>Agregar condición</translation>
    </message>
    <message>
        <source>Otherwise</source>
        <translation>En otro caso</translation>
    </message>
    <message>
        <source>Main flow</source>
        <translation>Flujo principal</translation>
    </message>
    <message>
        <source>Objection handlers</source>
        <translation>Manejo de objeciones</translation>
    </message>
    <message>
        <source>Not reachable</source>
        <translation>Inalcanzables</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>This node has a problem; see the problems list.</source>
        <translation>Este nodo tiene un problema; vea la lista de problemas.</translation>
    </message>
    <message>
        <source>Early stage customer</source>
        <translation>Cliente en etapa temprana</translation>
    </message>
    <message>
        <source>Middle stage customer</source>
        <translation>Cliente en etapa media</translation>
    </message>
    <message>
        <source>Late stage customer</source>
        <translation>Cliente en etapa tardía</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>Reiniciar</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <source>Objections</source>
        <translation>Objeciones</translation>
    </message>
    <message>
        <source>Nothing to preview yet.</source>
        <translation>Todavía no hay nada que previsualizar.</translation>
    </message>
    <message>
        <source>{node} · {kind}</source>
        <translation>{node} · {kind}</translation>
    </message>
    <message>
        <source>in an objection</source>
        <translation>en una objeción</translation>
    </message>
    <message>
        <source>action: {action}</source>
        <translation>acción: {action}</translation>
    </message>
    <message>
        <source>The script cannot be read: {reason}</source>
        <translation>No se puede leer el guion: {reason}</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Aviso</translation>
    </message>
    <message>
        <source>script</source>
        <translation>guion</translation>
    </message>
    <message>
        <source> (at character {position})</source>
        <translation> (en el carácter {position})</translation>
    </message>
    <message>
        <source>No problems: this script can be published.</source>
        <translation>Sin problemas: este guion se puede publicar.</translation>
    </message>
    <message>
        <source>Script</source>
        <translation>Guion</translation>
    </message>
    <message>
        <source>&amp;Script</source>
        <translation>&amp;Guion</translation>
    </message>
    <message>
        <source>Add node</source>
        <translation>Agregar nodo</translation>
    </message>
    <message>
        <source>Add {kind} node</source>
        <translation>Agregar nodo «{kind}»</translation>
    </message>
    <message>
        <source>Delete node</source>
        <translation>Eliminar nodo</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Conectar</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Rehacer</translation>
    </message>
    <message>
        <source>Copy branch</source>
        <translation>Copiar rama</translation>
    </message>
    <message>
        <source>Paste branch</source>
        <translation>Pegar rama</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Revisar</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Acercar</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Alejar</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>Tamaño real</translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation>Guardar borrador</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importar…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <source>Compare with published</source>
        <translation>Comparar con lo publicado</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>Publicar</translation>
    </message>
    <message>
        <source>Draft compared with the published version</source>
        <translation>Borrador comparado con la versión publicada</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Campos</translation>
    </message>
    <message>
        <source>added</source>
        <translation>agregado</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>eliminado</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>modificado</translation>
    </message>
    <message>
        <source>(script)</source>
        <translation>(guion)</translation>
    </message>
    <message>
        <source>No differences.</source>
        <translation>Sin diferencias.</translation>
    </message>
    <message>
        <source>add node</source>
        <translation>agregar nodo</translation>
    </message>
    <message>
        <source>delete node</source>
        <translation>eliminar nodo</translation>
    </message>
    <message>
        <source>change kind</source>
        <translation>cambiar tipo</translation>
    </message>
    <message>
        <source>connect</source>
        <translation>conectar</translation>
    </message>
    <message>
        <source>add option</source>
        <translation>agregar respuesta</translation>
    </message>
    <message>
        <source>remove option</source>
        <translation>quitar respuesta</translation>
    </message>
    <message>
        <source>move option</source>
        <translation>mover respuesta</translation>
    </message>
    <message>
        <source>edit option</source>
        <translation>editar respuesta</translation>
    </message>
    <message>
        <source>paste</source>
        <translation>pegar</translation>
    </message>
    <message>
        <source>set start</source>
        <translation>cambiar inicio</translation>
    </message>
    <message>
        <source>edit text</source>
        <translation>editar texto</translation>
    </message>
    <message>
        <source>edit next</source>
        <translation>editar siguiente</translation>
    </message>
    <message>
        <source>edit action</source>
        <translation>editar acción</translation>
    </message>
    <message>
        <source>edit disposition</source>
        <translation>editar tipificación</translation>
    </message>
    <message>
        <source>edit resume</source>
        <translation>editar regreso</translation>
    </message>
    <message>
        <source>edit else</source>
        <translation>editar «en otro caso»</translation>
    </message>
    <message>
        <source>edit branches</source>
        <translation>editar condiciones</translation>
    </message>
    <message>
        <source>edit condition</source>
        <translation>editar condición</translation>
    </message>
    <message>
        <source>add condition</source>
        <translation>agregar condición</translation>
    </message>
    <message>
        <source>Open a script from the hub</source>
        <translation>Abrir un guion desde el hub</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Publicado</translation>
    </message>
    <message>
        <source>No script has been published yet.</source>
        <translation>Todavía no se ha publicado ningún guion.</translation>
    </message>
    <message>
        <source>The hub cannot be reached. Your draft stays on this computer (Save draft); publish again when the connection is back.</source>
        <translation>No se puede conectar con el hub. Su borrador se queda en esta computadora (Guardar borrador); vuelva a publicar cuando regrese la conexión.</translation>
    </message>
    <message>
        <source>The hub gave an answer this version of Acuerdo does not understand.</source>
        <translation>El hub dio una respuesta que esta versión de Acuerdo no entiende.</translation>
    </message>
    <message>
        <source>Someone else published this script after you opened it. Open the newest version from the hub, make your changes there and publish again.</source>
        <translation>Alguien más publicó este guion después de que usted lo abrió. Abra la versión más reciente desde el hub, haga ahí sus cambios y vuelva a publicar.</translation>
    </message>
    <message>
        <source>Your user may not publish scripts. Ask an administrator for the team-lead role.</source>
        <translation>Su usuario no puede publicar guiones. Pida a un administrador el rol de líder de equipo.</translation>
    </message>
    <message>
        <source>That script is no longer on the hub.</source>
        <translation>Ese guion ya no está en el hub.</translation>
    </message>
    <message>
        <source>Someone else published version {version} of this script after you opened it. Open it from the hub, make your changes there and publish again.</source>
        <translation>Alguien más publicó la versión {version} de este guion después de que usted lo abrió. Ábrala desde el hub, haga ahí sus cambios y vuelva a publicar.</translation>
    </message>
    <message>
        <source>The hub refused: {reason}</source>
        <translation>El hub lo rechazó: {reason}</translation>
    </message>
    <message>
        <source>The hub found errors in the script: {reason}</source>
        <translation>El hub encontró errores en el guion: {reason}</translation>
    </message>
    <message>
        <source>Open a script from the hub (Ctrl+Shift+O) or start a new one.</source>
        <translation>Abra un guion desde el hub (Ctrl+Shift+O) o empiece uno nuevo.</translation>
    </message>
    <message>
        <source>Open from hub…</source>
        <translation>Abrir desde el hub…</translation>
    </message>
    <message>
        <source>Hub: connected</source>
        <translation>Hub: conectado</translation>
    </message>
    <message>
        <source>Something went wrong; the support log has details.</source>
        <translation>Algo salió mal; el registro de soporte tiene los detalles.</translation>
    </message>
    <message>
        <source>Script editor — {name}</source>
        <translation>Editor de guiones — {name}</translation>
    </message>
    <message>
        <source>Hub: connecting…</source>
        <translation>Hub: conectando…</translation>
    </message>
    <message>
        <source>Hub: offline — drafts are saved on this computer</source>
        <translation>Hub: sin conexión — los borradores se guardan en esta computadora</translation>
    </message>
    <message>
        <source>Opened {script} version {version} from the hub.</source>
        <translation>Se abrió {script} versión {version} desde el hub.</translation>
    </message>
    <message>
        <source>The script “{title}” has a new version ({version}). Your next call uses it; a call in progress keeps its version.</source>
        <translation>El guion «{title}» tiene una versión nueva ({version}). Su próxima llamada la usa; una llamada en curso conserva su versión.</translation>
    </message>
</context>
</TS>
