"""The Spanish (es-MX) wording of the demo contact history, kept apart from the generator.

Every text is respectful: it informs, offers help and never shames or
threatens the debtor, the way a regulated collections operation must write.
This module holds constants only; it must never contain logic or real people's data.
"""

from __future__ import annotations

# (disposition code, summary, the debtor was actually talked to)
CALL_OUTCOMES: tuple[tuple[str, str, bool], ...] = (
    ("no_answer", "Llamada sin respuesta", False),
    ("voicemail", "Se dejó mensaje en buzón de voz", False),
    ("busy", "Línea ocupada", False),
    ("right_party", "Contacto con el titular; revisó opciones de pago", True),
    ("promise", "Contacto con el titular; acordó una promesa de pago", True),
    ("callback", "El titular pidió que le llamemos más tarde", True),
    ("third_party", "Contestó un familiar; se dejó recado sin detalles de la cuenta", True),
    ("wrong_number", "Número equivocado; se marcó para revisión", False),
    ("dispute", "El titular no reconoce un cargo; se canalizó a aclaraciones", True),
    ("hardship", "El titular reporta desempleo; se ofrecieron alternativas", True),
)

SMS_TEXTS = (
    "Hola {name}, le recordamos que su pago está pendiente. Estamos para apoyarle: "
    "responda AYUDA y un asesor le contactará.",
    "{name}, tenemos opciones para regularizar su cuenta a su medida. "
    "Llámenos al 55 5000 1234 de lunes a sábado.",
    "Gracias por su pago, {name}. Su cuenta se actualizará en 24 a 48 horas.",
    "{name}, su fecha de pago se acerca. Puede pagar en OXXO, por SPEI o en sucursal.",
)

WHATSAPP_TEXTS = (
    "Hola {name}, le saluda Acuerdo. ¿Le podemos ayudar a encontrar un plan de pago?",
    "{name}, le compartimos su referencia para pagar en OXXO. Cualquier duda, aquí estamos.",
    "Buen día {name}. Le recordamos con gusto su promesa de pago de esta semana.",
    "{name}, recibimos su mensaje. Un asesor le responderá en breve.",
)

EMAIL_SUBJECTS = (
    "Su estado de cuenta y opciones de pago",
    "Recordatorio amable de su fecha de pago",
    "Confirmación de su promesa de pago",
    "Programa de apoyo para regularizar su cuenta",
    "Comprobante de pago recibido",
)

MESSENGER_TEXTS: tuple[tuple[str, str], ...] = (
    ("in", "Hola, ¿me pueden dar mi saldo para liquidar?"),
    ("in", "Quiero hacer un convenio, ¿qué necesito?"),
    ("out", "Con gusto le ayudamos. ¿Nos confirma su número de cliente por mensaje privado?"),
    ("out", "Gracias por escribirnos; un asesor le atenderá en unos minutos."),
)

# (recorded message, digit pressed, what the digit meant)
BLASTER_MESSAGES: tuple[tuple[str, str, str], ...] = (
    ("Aviso de saldo pendiente; marque 1 para hablar con un asesor", "1", "hablar con un asesor"),
    ("Aviso de saldo pendiente; marque 2 si ya realizó su pago", "2", "ya realizó su pago"),
    ("Recordatorio de fecha de pago; marque 3 para recibir su referencia", "3", "pidió referencia"),
    ("Aviso de opciones de pago; marque 9 para no recibir más llamadas", "9", "no más llamadas"),
    (
        "Recordatorio de fecha de pago; marque 1 para hablar con un asesor",
        "1",
        "hablar con un asesor",
    ),
)

PAYMENT_METHODS = ("SPEI", "OXXO", "tarjeta de débito", "ventanilla bancaria", "domiciliación")

NOTE_TEXTS = (
    "El titular prefiere que le contactemos por WhatsApp por las tardes.",
    "Solicita estado de cuenta por correo antes de comprometer un pago.",
    "Indica que recibe su quincena los días 15 y 30.",
    "Se validó identidad; datos de contacto actualizados.",
    "Pide no llamar en horario laboral.",
)
