"""Spanish phrase banks of the simulated sample (the @policia comparator).

Written for the simulated sample only (SIMULATED DATA): invented wording in the style of
Spanish police accounts of 2013-2014 (informal ``tú``, humour, #TweetRedada). The slots
work as in :mod:`pilot_eval.sample.texts_fr`.
"""

from __future__ import annotations

import numpy as np


def _hour(rng: np.random.Generator) -> str:
    h = int(rng.integers(0, 24))
    m = int(rng.choice([0, 0, 15, 30, 45, 20]))
    return f"{h}:{m:02d}h"


NUMBERS = {
    "n": lambda rng: str(int(rng.integers(2, 10))),
    "n2": lambda rng: str(int(rng.integers(10, 90))),
    "n3": lambda rng: str(int(rng.integers(100, 950))),
    "age": lambda rng: str(int(rng.integers(12, 18))),
    "age_adult": lambda rng: str(int(rng.integers(19, 88))),
    "hora": _hour,
    "kg": lambda rng: (
        f"{int(rng.integers(2, 900))} kilos"
        if rng.random() < 0.7
        else f"{int(rng.integers(2, 40))} toneladas"
    ),
    "euros": lambda rng: (
        f"{int(rng.integers(2, 95)) * 1000} euros"
        if rng.random() < 0.7
        else f"{int(rng.integers(2, 30))} millones de euros"
    ),
    "altura": lambda rng: f"1,{int(rng.integers(50, 92))} m",
    "pct": lambda rng: str(int(rng.integers(4, 35))),
    "dia_num": lambda rng: str(int(rng.integers(2, 29))),
    "sign": lambda rng: "^" + "".join(chr(65 + int(x)) for x in rng.integers(0, 26, size=2)),
}

BANKS: dict[str, list[str]] = {
    "momento": [
        "esta mañana",
        "esta madrugada",
        "anoche",
        "ayer por la tarde",
        "sobre las {hora}",
        "el sábado por la noche",
        "el domingo sobre las {hora}",
        "el pasado {dia}",
        "el {dia_num} de este mes",
        "a última hora de ayer",
    ],
    "dia": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado"],
    "calle": [
        "la calle Mayor",
        "la avenida de la Constitución",
        "la Gran Vía",
        "la plaza de España",
        "la calle Real",
        "el paseo de la Castellana",
        "la estación de autobuses",
        "el centro comercial",
        "la calle Alcalá",
        "el barrio del Carmen",
    ],
    # ------------------------------------------------------------ prevention
    "prev_open": [
        "#ConsejoPolicial",
        "Consejo:",
        "Recuerda:",
        "Ojo:",
        "Un consejo:",
        "¿Sabías que...?",
        "Importante:",
        "Toma nota:",
    ],
    "prev_advice": [
        "nunca des tus claves bancarias por teléfono ni por email",
        "cierra con llave aunque salgas solo cinco minutos",
        "no dejes objetos de valor a la vista dentro del coche",
        "un policía siempre se identifica con su placa y carné profesional",
        "no publiques en redes cuándo te vas de vacaciones",
        "lleva el bolso cerrado y por delante en el metro",
        "apunta el IMEI de tu móvil (*#06#), te ayudará si te lo roban",
        "desconfía de los chollos en internet que piden pago por adelantado",
        "si alguien se ofrece a ayudarte en el cajero, cancela la operación",
        "habla con tus hijos de lo que comparten en las redes",
        "no abras la puerta a falsos revisores del gas sin cita previa",
        "usa contraseñas distintas para cada cuenta",
        "en el coche, el móvil ni tocarlo: la carretera no perdona",
        "si vas a beber, no conduzcas. Así de sencillo",
        "cuidado con los correos que imitan a tu banco",
        "si compras de segunda mano, queda en un sitio público",
        "graba tu bici y guarda la factura, facilita recuperarla",
    ],
    "prev_cta": [
        "Emergencias: 091.",
        "Compártelo con los tuyos.",
        "¡Difunde!",
        "RT si te ha sido útil.",
        "Más info en policia.es",
        "Ante cualquier duda, llama al 091.",
        "Díselo a tus mayores.",
    ],
    "prev_tema": [
        "Seguridad",
        "Prevención",
        "Consejo del día",
        "Que no te pillen",
        "Seguridad diaria",
        "Atención",
    ],
    "pregunta": [
        "¿Te vas de puente?",
        "¿Vendes algo por internet?",
        "¿Vuelves tarde a casa?",
        "¿Bici nueva?",
        "¿Te han llamado de un número raro?",
        "¿Tus hijos tienen móvil?",
    ],
    "timo": [
        "el timo del tocomocho",
        "el timo de la estampita",
        "el falso técnico de la luz",
        "el falso sobrino que pide dinero",
        "el SMS de un paquete pendiente",
    ],
    # ------------------------------------------------------------ appeal_witness
    "redada": [
        "¿Sabes de algún punto de venta de droga en tu barrio? Escríbenos a antidroga@policia.es",
        "Si conoces un punto de venta de droga, avísanos de forma anónima: antidroga@policia.es",
        "Gracias a vuestros avisos por #TweetRedada, {n2} detenidos en {place}",
    ],
    "suceso": [
        "un atraco",
        "una agresión",
        "un atropello con fuga",
        "un robo con violencia",
        "un incendio de coches",
        "un tirón",
        "una pelea",
        "un robo en una joyería",
    ],
    "apelacion": [
        "Si viste algo, llama al 091.",
        "Cualquier dato puede ayudar: 091.",
        "Escríbenos por MD si tienes información.",
        "Colabora: 091 o colabora@policia.es.",
    ],
    "sospechoso": [
        "un hombre de {altura}, con sudadera oscura y capucha,",
        "dos jóvenes en una moto negra,",
        "un individuo con casco integral,",
        "una mujer de unos 40 años con abrigo rojo,",
    ],
    # ------------------------------------------------------------ missing_person
    "desap_open": [
        "#Desaparecido",
        "#Desaparecida",
        "Ayúdanos a encontrar a",
        "Se busca:",
        "URGENTE:",
        "Difunde:",
    ],
    "nombre": [
        "Lucía",
        "Pablo",
        "Marta",
        "Hugo",
        "Daniela",
        "Álvaro",
        "Paula",
        "Adrián",
        "Sara",
        "Javier",
        "Carmen",
        "Iván",
        "Nerea",
        "Rubén",
        "Alba",
        "Sergio",
    ],
    "mayor": ["Antonio G.", "Dolores M.", "José Luis R.", "Pilar S.", "Manuel F.", "Carmen V."],
    "visto": [
        "desaparecido/a desde",
        "visto/a por última vez",
        "salió de casa y no ha vuelto desde",
    ],
    "rasgos": [
        "{altura}, pelo castaño, chaqueta negra",
        "{altura}, rubio/a, mochila azul",
        "{altura}, gafas, abrigo beige",
        "{altura}, pelo largo, vaqueros",
    ],
    "desap_cta": [
        "Cualquier pista: 091.",
        "¡Difunde, por favor!",
        "Si lo/la ves, llama al 091.",
        "RT, gracias.",
    ],
    "encontrado": [
        "ha sido localizado/a en buen estado",
        "ya está con su familia",
        "ha aparecido sano/a y salvo/a",
        "ha sido encontrado/a en {place}",
    ],
    "gracias_rt": [
        "¡Gracias por difundir!",
        "Gracias a todos por los RT.",
        "Sois los mejores, gracias.",
        "Gracias por la ayuda.",
    ],
    # ------------------------------------------------------------ operations
    "detencion": [
        "Detenidos {n} ladrones de viviendas",
        "Detenido un carterista",
        "{n} detenidos",
        "Desarticulada una banda de atracadores",
        "Detenido un conductor kamikaze",
        "Detenidos {n} miembros de una red de estafadores",
        "Detenido el autor de {n} robos",
    ],
    "detalle": [
        "gracias a la colaboración ciudadana",
        "tras {n} meses de investigación",
        "gracias a un aviso al 091",
        "por agentes de paisano",
        "gracias a las cámaras",
    ],
    "droga": ["hachís", "cocaína", "heroína", "marihuana", "pastillas de éxtasis"],
    "red": [
        "narcotraficantes",
        "ladrones de coches",
        "falsificadores de tarjetas",
        "estafadores telefónicos",
        "ladrones de cobre",
        "traficantes de personas",
    ],
    "resultado": [
        "Ya están a disposición judicial.",
        "Recuperados objetos por valor de {euros}.",
        "La investigación sigue abierta.",
        "Intervenidos {euros} en efectivo.",
    ],
    # ------------------------------------------------------------ traffic
    "via": [
        "en la A-6",
        "en la M-30",
        "en la AP-7",
        "en la A-4",
        "en la A-2",
        "en la N-340",
        "en la M-40",
        "en la A-3",
    ],
    "incidencia": [
        "accidente",
        "retenciones de {n} km",
        "vehículo averiado",
        "niebla densa",
        "hielo en la calzada",
        "obras",
    ],
    "consejo_vial": [
        "Precaución.",
        "Circula despacio.",
        "Usa rutas alternativas.",
        "Mantén la distancia de seguridad.",
        "Consulta el estado de las carreteras.",
    ],
    # ------------------------------------------------------------ recruitment
    "oposicion": [
        "la oposición a Policía Nacional",
        "la escala básica",
        "la escala ejecutiva",
        "el proceso de selección de 2014",
    ],
    "plazo": [
        "abre el plazo de inscripción",
        "convoca {n3} plazas",
        "ya tiene fecha de examen",
        "cierra el plazo el {dia_num}",
    ],
    "rec_cta": [
        "Toda la info en policia.es",
        "Consulta las bases en el BOE.",
        "¡Mucha suerte!",
        "Prepárate desde hoy.",
    ],
    # ------------------------------------------------------------ institutional
    "acto": [
        "Entrega de condecoraciones",
        "Acto de jura de nuevos policías",
        "Rueda de prensa del balance anual",
        "Visita del ministro del Interior",
        "Inauguración de la nueva comisaría",
        "Homenaje a los agentes caídos",
        "Firma de un convenio con el ayuntamiento",
    ],
    "donde": [
        "en {place}",
        "esta mañana en {place}",
        "en la Academia de Ávila",
        "en la comisaría de {place}",
    ],
    "balance": [
        "los robos en viviendas bajan un {pct} %",
        "{n3} detenidos en la operación de este mes",
        "la criminalidad baja un {pct} % en el último año",
        "{n2} bandas desarticuladas en el trimestre",
    ],
    # ------------------------------------------------------------ community
    "saludo": [
        "¡Buenos días, gente!",
        "¡Feliz fin de semana!",
        "¡Feliz lunes! A por la semana.",
        "¡Buenas noches y a descansar!",
        "Feliz domingo a todos.",
        "¡Buen viernes!",
    ],
    "humor": [
        "Si te vas de fiesta, que el único que vaya a tope sea el DJ",
        "Nuestros perros policía también se merecen un premio hoy",
        "Ya somos más de {n3} mil en Twitter: gracias por estar ahí",
        "Hoy toca foto de equipo con nuestros agentes de {place}",
        "Pregunta seria: ¿quién echa de menos los tuits de los lunes?",
        "Nuestros caballos de la Unidad de Caballería también posan para la foto",
        "Un café, un buen consejo y a patrullar. Así empieza el día en {place}",
    ],
    "agradecer": [
        "Gracias a los vecinos de {place} por su ayuda",
        "Gracias a todos por vuestros mensajes",
        "Gracias a @lauritamd por la foto",
    ],
    # ------------------------------------------------------------ other
    "otro": [
        "Objeto perdido: una cartera encontrada en {place}, pásate por la comisaría",
        "Hoy la web de policia.es puede ir lenta por mantenimiento",
        "Amanecer en {place} visto desde un coche patrulla",
        "También nos puedes seguir en Facebook y Tuenti",
        "Horario especial de la oficina del DNI de {place} el {dia}",
        "Día Internacional de la Mujer: más de {n3} agentes mujeres en {place}",
        "Un perro perdido en {calle} de {place} ya está con su familia",
        "Obras en la comisaría de {place} hasta el día {dia_num}: disculpad las molestias",
        "Nieve en {place}: así amanecía hoy la ciudad desde un coche patrulla",
        "Un vecino de {place} devuelve una cartera con {n3} euros: ¡gracias!",
    ],
    # ------------------------------------------------------------ replies
    "resp_prev": [
        "para denunciar acude a la comisaría o usa la denuncia por internet",
        "si es urgente llama al 091, por aquí no tramitamos denuncias",
        "es un timo, no facilites ningún dato",
        "bloquea el número y no contestes",
    ],
    "resp_gracias": [
        "¡Gracias a ti!",
        "¡Gracias por seguirnos!",
        "Gracias, ¡un saludo!",
        "Muchas gracias, lo trasladamos al equipo.",
        "¡A ti por difundir!",
    ],
    "resp_otro": [
        "no podemos ayudarte por aquí, consulta en tu comisaría",
        "escríbenos por MD",
        "está en nuestro tuit de esta mañana",
        "tomamos nota, gracias",
    ],
}

FRAMES: dict[str, list[str]] = {
    "prevention": [
        "{prev_open} {prev_advice}. {prev_cta}",
        "{prev_tema}: {prev_advice}. {prev_cta}",
        "{pregunta} {prev_advice}. {prev_cta}",
        "Vuelve {timo}: que no te engañen. {prev_cta}",
        "{prev_tema} en {place}: {prev_advice}.",
    ],
    "appeal_witness": [
        "{redada} #TweetRedada",
        "¿Viste {suceso} en {calle} de {place} {momento}? {apelacion}",
        "Buscamos testigos de {suceso} ocurrido {momento} en {place}. {apelacion}",
        "Se busca a {sospechoso} por {suceso} en {place} {momento}. {apelacion}",
    ],
    "missing_person": [
        "{desap_open} {nombre}, {age} años, {visto} {momento} en {place}. {rasgos}. {desap_cta}",
        "{desap_open} {mayor}, {age_adult} años, {visto} {momento} en {place}. {desap_cta}",
        "ACTUALIZACIÓN: {nombre}, {age} años, {encontrado}. {gracias_rt}",
        "Buenas noticias: {mayor} {encontrado}. {gracias_rt}",
    ],
    "operations": [
        "{detencion} en {place} {detalle}. {resultado}",
        "Intervenidos {kg} de {droga} en {place} {detalle}.",
        "Desarticulada una red de {red} en {place} y {place}: {n} detenidos. {resultado}",
        "{detencion} {momento} en {place}. {resultado}",
    ],
    "traffic": [
        "Tráfico: {incidencia} {via} a la altura de {place}. {consejo_vial}",
        "{incidencia} {via} {momento}. {consejo_vial}",
        "Controles de alcohol y drogas este fin de semana en {place}. {consejo_vial}",
    ],
    "recruitment": [
        "#Oposiciones {oposicion}: {plazo}. {rec_cta}",
        "¿Quieres ser policía? {oposicion} {plazo}. {rec_cta}",
    ],
    "institutional": [
        "{acto} {donde}.",
        "Balance: {balance}.",
        "{acto} {donde}. Así ha sido.",
    ],
    "community": ["{saludo}", "{humor}", "{agradecer}.", "{saludo} {humor}"],
    "other": ["{otro}.", "{otro}. ¡Buen día!"],
}

REPLY_FRAMES: dict[str, list[str]] = {
    "prevention": ["Hola, {resp_prev}.", "{resp_prev}.", "Hola, {prev_advice}."],
    "appeal_witness": ["Gracias, trasladamos tu información a los investigadores."],
    "missing_person": ["Gracias por tu ayuda, ya lo hemos comunicado."],
    "operations": ["No damos detalles de investigaciones abiertas, gracias por entenderlo."],
    "traffic": ["La circulación ya es normal {via} desde las {hora}."],
    "recruitment": [
        "Toda la info de las oposiciones está en policia.es",
        "Sí, para {oposicion}: {plazo}.",
    ],
    "institutional": ["Sí, somos la cuenta oficial de la Policía Nacional."],
    "community": ["{resp_gracias}", "{resp_gracias} {saludo}"],
    "other": ["Hola, {resp_otro}."],
}

HASHTAGS: dict[str, list[str]] = {
    "prevention": ["#ConsejoPolicial", "#Seguridad", "#Ciberseguridad", "#Prevención"],
    "appeal_witness": ["#Colabora", "#Testigos"],
    "missing_person": ["#Desaparecidos", "#Difunde"],
    "operations": ["#Detenidos", "#Policía", "#Operación"],
    "traffic": ["#SeguridadVial", "#Tráfico"],
    "recruitment": ["#Oposiciones", "#Policía", "#Empleo"],
    "institutional": ["#PolicíaNacional"],
    "community": ["#Policía", "#BuenosDías"],
    "other": [],
}

LINKS: dict[str, list[str]] = {
    "prevention": [
        "http://www.policia.es/consejos/consejos.html",
        "http://www.policia.es/org_central/judicial/udef/bit_alertas.html",
    ],
    "appeal_witness": ["http://www.policia.es/colabora.php"],
    "missing_person": [
        "http://www.policia.es/colabora.php",
        "http://www.policia.es/desaparecidos.php",
    ],
    "operations": ["http://www.policia.es/prensa/prensa.php"],
    "traffic": ["http://www.dgt.es/es/el-trafico/"],
    "recruitment": ["http://www.policia.es/oposiciones/oposiciones.html"],
    "institutional": [
        "http://www.interior.gob.es/prensa/noticias",
        "http://www.policia.es/prensa/prensa.php",
    ],
    "community": [],
    "other": [],
}


def account_slots(department: str | None) -> dict[str, list[str]]:
    """The account slots (Spanish accounts have no département)."""
    return {}


#: Invented handles of private persons who write to the Spanish account.
PRIVATE_HANDLES = [
    "lauritamd",
    "pepe_bcn",
    "anaglez_88",
    "javi_sevilla",
    "mariajo_vlc",
    "dani_malaga",
    "charo_zgz",
    "txema_bilbao",
    "rocio_gr",
    "alex_murcia",
    "nuria_palma",
    "kike_valla",
]
