<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_MX" sourcelanguage="en_US">
<context>
    <name>ScriptEditor</name>
    <message>
        <source>{reason} (at character {position})</source>
        <translation>{reason} (en el carácter {position})</translation>
    </message>
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
<context>
    <name>ScriptProblems</name>
    <message>
        <source>unknown locale '{locale}'</source>
        <translation>idioma desconocido '{locale}'</translation>
    </message>
    <message>
        <source>objection id '{objection}' is used twice</source>
        <translation>el id de objeción '{objection}' se usa dos veces</translation>
    </message>
    <message>
        <source>objection '{objection}' starts at missing '{target}'</source>
        <translation>la objeción '{objection}' empieza en '{target}', que no existe</translation>
    </message>
    <message>
        <source>objection '{objection}': 'after' names a missing node '{target}'</source>
        <translation>objeción '{objection}': 'después de' nombra un nodo que no existe: '{target}'</translation>
    </message>
    <message>
        <source>objection '{objection}' mentions the debt but can be used before right-party verification; set its 'after' to the first verified step</source>
        <translation>la objeción '{objection}' menciona la deuda pero puede usarse antes de verificar al titular; ponga en su 'después de' el primer paso verificado</translation>
    </message>
    <message>
        <source>leads to a node that does not exist: '{target}'</source>
        <translation>lleva a un nodo que no existe: '{target}'</translation>
    </message>
    <message>
        <source>no text for the agent to read</source>
        <translation>no hay texto para que el agente lea</translation>
    </message>
    <message>
        <source>dead end: no 'next' and not an end node</source>
        <translation>callejón sin salida: no tiene 'siguiente' y no es un nodo de fin</translation>
    </message>
    <message>
        <source>dead end: no options to choose</source>
        <translation>callejón sin salida: no hay opciones para elegir</translation>
    </message>
    <message>
        <source>option id '{option}' is used twice</source>
        <translation>el id de opción '{option}' se usa dos veces</translation>
    </message>
    <message>
        <source>option '{option}' has no 'next'</source>
        <translation>la opción '{option}' no tiene 'siguiente'</translation>
    </message>
    <message>
        <source>option '{option}' sets a bad name '{name}'</source>
        <translation>la opción '{option}' asigna un nombre no válido '{name}'</translation>
    </message>
    <message>
        <source>branch has no conditions</source>
        <translation>la bifurcación no tiene condiciones</translation>
    </message>
    <message>
        <source>bad condition '{condition}': {reason}</source>
        <translation>condición no válida '{condition}': {reason}</translation>
    </message>
    <message>
        <source>unknown variable '{name}' in condition</source>
        <translation>variable desconocida '{name}' en la condición</translation>
    </message>
    <message>
        <source>branch has no 'else': the call stops if nothing matches</source>
        <translation>la bifurcación no tiene 'si no': la llamada se detiene si nada coincide</translation>
    </message>
    <message>
        <source>{field}: missing {locale} translation</source>
        <translation>{field}: falta la traducción {locale}</translation>
    </message>
    <message>
        <source>{field}: {locale} is not one of the script's locales</source>
        <translation>{field}: {locale} no es uno de los idiomas del guion</translation>
    </message>
    <message>
        <source>{field}: {reason}</source>
        <translation>{field} — {reason}</translation>
    </message>
    <message>
        <source>{field}: unknown variable '{name}'</source>
        <translation>{field}: variable desconocida '{name}'</translation>
    </message>
    <message>
        <source>{field}: shaming or threatening language '{phrase}'</source>
        <translation>{field}: lenguaje que avergüenza o amenaza '{phrase}'</translation>
    </message>
    <message>
        <source>unreachable: no path from the start or any objection</source>
        <translation>inalcanzable: ningún camino desde el inicio ni desde una objeción</translation>
    </message>
    <message>
        <source>resumes, but the main flow reaches it outside any objection</source>
        <translation>retoma, pero el flujo principal llega aquí fuera de una objeción</translation>
    </message>
    <message>
        <source>loop without exit: no end can be reached from here</source>
        <translation>ciclo sin salida: desde aquí no se llega a ningún fin</translation>
    </message>
    <message>
        <source>a template must be text</source>
        <translation>una plantilla debe ser texto</translation>
    </message>
    <message>
        <source>template longer than {limit} characters</source>
        <translation>plantilla de más de {limit} caracteres</translation>
    </message>
    <message>
        <source>'}}}}' without a matching '{{{{'</source>
        <translation>'}}}}' sin su '{{{{' correspondiente</translation>
    </message>
    <message>
        <source>'{{{{' is never closed with '}}}}'</source>
        <translation>'{{{{' nunca se cierra con '}}}}'</translation>
    </message>
    <message>
        <source>empty placeholder, expected a variable name</source>
        <translation>marcador vacío, se esperaba un nombre de variable</translation>
    </message>
    <message>
        <source>invalid variable name '{name}'</source>
        <translation>nombre de variable no válido '{name}'</translation>
    </message>
    <message>
        <source>expected a filter name after '|'</source>
        <translation>se esperaba un nombre de filtro después de '|'</translation>
    </message>
    <message>
        <source>unknown filter '{filter}' (known: {known})</source>
        <translation>filtro desconocido '{filter}' (conocidos: {known})</translation>
    </message>
    <message>
        <source>unknown variable '{name}'</source>
        <translation>variable desconocida '{name}'</translation>
    </message>
    <message>
        <source>the money filter needs an amount ('{name}')</source>
        <translation>el filtro money necesita un importe ('{name}')</translation>
    </message>
    <message>
        <source>the date filter needs a date ('{name}')</source>
        <translation>el filtro date necesita una fecha ('{name}')</translation>
    </message>
    <message>
        <source>the '{filter}' filter cannot show '{name}': {detail}</source>
        <translation>el filtro '{filter}' no puede mostrar '{name}': {detail}</translation>
    </message>
    <message>
        <source>a condition must be text</source>
        <translation>una condición debe ser texto</translation>
    </message>
    <message>
        <source>condition longer than {limit} characters</source>
        <translation>condición de más de {limit} caracteres</translation>
    </message>
    <message>
        <source>string is never closed</source>
        <translation>el texto entre comillas nunca se cierra</translation>
    </message>
    <message>
        <source>unexpected character '{char}'</source>
        <translation>carácter inesperado '{char}'</translation>
    </message>
    <message>
        <source>'{name}' uses a reserved word as a name</source>
        <translation>'{name}' usa una palabra reservada como nombre</translation>
    </message>
    <message>
        <source>empty condition</source>
        <translation>condición vacía</translation>
    </message>
    <message>
        <source>unexpected '{token}'</source>
        <translation>'{token}' inesperado</translation>
    </message>
    <message>
        <source>condition is nested too deeply</source>
        <translation>la condición está anidada demasiado</translation>
    </message>
    <message>
        <source>chained comparisons are not allowed; join them with 'and'</source>
        <translation>no se permiten comparaciones encadenadas; únalas con 'and'</translation>
    </message>
    <message>
        <source>expected ')'</source>
        <translation>se esperaba ')'</translation>
    </message>
    <message>
        <source>condition ends too early, expected a value</source>
        <translation>la condición termina antes de tiempo, se esperaba un valor</translation>
    </message>
    <message>
        <source>expected a value, found '{token}'</source>
        <translation>se esperaba un valor, se encontró '{token}'</translation>
    </message>
    <message>
        <source>condition gives {kind}, not true/false</source>
        <translation>la condición da {kind}, no verdadero/falso</translation>
    </message>
    <message>
        <source>'{op}' needs true/false, got {kind}</source>
        <translation>'{op}' necesita verdadero/falso, recibió {kind}</translation>
    </message>
    <message>
        <source>cannot order {kind} and {other_kind} with '{op}'</source>
        <translation>no se puede ordenar {kind} y {other_kind} con '{op}'</translation>
    </message>
    <message>
        <source>cannot compare these values: {detail}</source>
        <translation>no se pueden comparar estos valores: {detail}</translation>
    </message>
    <message>
        <source>node '{node}' has nowhere to go next</source>
        <translation>el nodo '{node}' no tiene a dónde seguir</translation>
    </message>
    <message>
        <source>the script has ended; there is no next step</source>
        <translation>el guion terminó; no hay paso siguiente</translation>
    </message>
    <message>
        <source>node '{node}' needs an answer: use choose()</source>
        <translation>el nodo '{node}' necesita una respuesta: elija una opción</translation>
    </message>
    <message>
        <source>node '{node}' has no options to choose from</source>
        <translation>el nodo '{node}' no tiene opciones para elegir</translation>
    </message>
    <message>
        <source>no option '{option}' here (options: {valid})</source>
        <translation>aquí no hay opción '{option}' (opciones: {valid})</translation>
    </message>
    <message>
        <source>option '{option}' of node '{node}' leads nowhere</source>
        <translation>la opción '{option}' del nodo '{node}' no lleva a ningún lado</translation>
    </message>
    <message>
        <source>no objection '{objection}' (objections: {valid})</source>
        <translation>no hay objeción '{objection}' (objeciones: {valid})</translation>
    </message>
    <message>
        <source>objection '{objection}' is only available after '{target}'</source>
        <translation>la objeción '{objection}' solo está disponible después de '{target}'</translation>
    </message>
    <message>
        <source>already at the first step; nothing to go back to</source>
        <translation>ya está en el primer paso; no hay a dónde regresar</translation>
    </message>
    <message>
        <source>the script points to a node that does not exist: '{target}'</source>
        <translation>el guion apunta a un nodo que no existe: '{target}'</translation>
    </message>
    <message>
        <source>there is no objection to return from</source>
        <translation>no hay objeción de la cual regresar</translation>
    </message>
    <message>
        <source>branches loop without showing anything (last at '{node}')</source>
        <translation>las bifurcaciones forman un ciclo sin mostrar nada (la última en '{node}')</translation>
    </message>
    <message>
        <source>node '{node}': condition failed: {reason} (at character {position})</source>
        <translation>nodo '{node}': la condición falló: {reason} (en el carácter {position})</translation>
    </message>
    <message>
        <source>node '{node}': no condition matched and there is no 'else'</source>
        <translation>nodo '{node}': ninguna condición coincidió y no hay 'si no'</translation>
    </message>
    <message>
        <source>node '{node}': cannot show text: {reason} (at character {position})</source>
        <translation>nodo '{node}': no se puede mostrar el texto: {reason} (en el carácter {position})</translation>
    </message>
    <message>
        <source>node '{node}' option '{option}': cannot show text: {reason} (at character {position})</source>
        <translation>nodo '{node}', opción '{option}': no se puede mostrar el texto: {reason} (en el carácter {position})</translation>
    </message>
    <message>
        <source>objection '{objection}': cannot show text: {reason} (at character {position})</source>
        <translation>objeción '{objection}': no se puede mostrar el texto: {reason} (en el carácter {position})</translation>
    </message>
    <message>
        <source>text</source>
        <translation>texto</translation>
    </message>
    <message>
        <source>option '{option}' label</source>
        <translation>etiqueta de la opción '{option}'</translation>
    </message>
    <message>
        <source>objection '{objection}' label</source>
        <translation>etiqueta de la objeción '{objection}'</translation>
    </message>
    <message>
        <source>{field} ({variant})</source>
        <translation>{field} [{variant}]</translation>
    </message>
    <message>
        <source>true/false</source>
        <translation>verdadero/falso</translation>
    </message>
    <message>
        <source>number</source>
        <translation>número</translation>
    </message>
    <message>
        <source>date-time</source>
        <translation>fecha y hora</translation>
    </message>
    <message>
        <source>date</source>
        <translation>fecha</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nada</translation>
    </message>
    <message>
        <source>value</source>
        <translation>valor</translation>
    </message>
</context>
</TS>
