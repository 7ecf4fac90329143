"""How suspects disclose identifiers, and what in a decoy's reply makes them do it: data.

Templates are keyed by disclosure slot (a platform, else the identifier kind); `{id}` is
the identifier as written (see partner_render), `{age}`/`{place}` fill the "asl" line.
"""

from __future__ import annotations

from collections.abc import Mapping

from vigil.simulate.partner_phrases import template_lines

_RAW: dict[str, dict[str, str]] = {
    "email": {
        "en": """
            [my|here my|this is my] [email|e-mail|mail|gmail] [is|:|] {id}
            [email|mail|write to] me [at|on|] {id}
            {id} [is my email|my email|email me]
        """,
        "mix": """
            [email|gmail] ko [is|ay|] {id}
            [eto|ito] [email|gmail] ko {id}
        """,
    },
    "phone": {
        "en": """
            [my|here my|this is my] [number|phone|cell|mobile] [is|:|] {id}
            [text|call|sms] me [at|on|] {id}
            {id} [my number|is my cell|text me]
        """,
        "mix": """
            [number|cp|num] ko [is|ay|] {id}
            [text|tawag] mo ako [sa|] {id}
        """,
    },
    "skype": {
        "en": """
            [add me on|add me|my] [skype|skype id|skype name] [is|:|] {id}
            {id} [is my skype|on skype|skype]
            [lets|we can] [talk|chat|vc] on skype [add|] {id}
        """,
        "mix": """
            skype ko [is|ay|] {id}
            add mo ako sa skype {id}
        """,
    },
    "facebook": {
        "en": """
            [my|add my] [fb|facebook] [is|:|] {id}
            [add|find] me on [fb|facebook|messenger] {id}
            {id} [my fb|on facebook]
        """,
        "mix": """
            [fb|facebook] ko [is|ay|] {id}
            add mo ako sa [fb|facebook] {id}
        """,
    },
    "whatsapp": {
        "en": """
            [my|here my] [whatsapp|wa|whats app] [is|:|] {id}
            [whatsapp|wa] me [at|on|] {id}
            {id} [whatsapp|on whatsapp]
        """,
        "mix": """
            [whatsapp|wa] ko [is|ay|] {id}
            [message|chat] mo ako sa whatsapp {id}
        """,
    },
    "telegram": {
        "en": """
            [my|add my] [telegram|tg|tele] [is|:|] {id}
            [telegram|tg] me [at|on|] {id}
            [lets|we] [move|go|talk] [to|on] telegram {id}
        """,
        "mix": """
            [telegram|tg] ko [is|ay|] {id}
            [add|chat] mo ako sa telegram {id}
        """,
    },
    "paypal": {
        "en": """
            [my paypal is|my paypal:|paypal me at|i have paypal,] {id}
            [i send|i pay] [from|with] paypal {id}
            {id} [is my paypal|paypal]
        """,
        "mix": """
            paypal ko [is|ay|] {id}
        """,
    },
    "gcash": {
        "en": """
            [my|here my] gcash [is|:|number] {id}
            [send|reply] [to|on] [my|] gcash {id}
        """,
        "mix": """
            gcash [ko|number ko] [is|ay|] {id}
            [padala|send] [ka|] sa gcash ko {id}
        """,
    },
    "city": {
        "en": """
            [im|i am] [from|in|living in|based in] {id}
            {id} [here|guy here|is my city]
            [i live|i stay] in {id} [now|]
        """,
        "mix": """
            taga {id} ako
            [nasa|andito ako sa] {id} [ako|now|]
        """,
    },
    "country": {
        "en": """
            [im|i am] [from|in|living in] {id}
            {id} [here|guy here]
            [i live|i stay] in {id} [now|]
        """,
        "mix": """
            taga {id} ako
            [nasa|andito ako sa] {id} [ako|now|]
        """,
    },
    "age": {
        "en": """
            [im|i am] {id} [years old|yrs old|yo|y/o|]
            {id} [years old|yo|here]
            [my age is|age] {id}
        """,
        "mix": """
            {id} [na ako|years old na ako]
            [edad ko|age ko] {id}
        """,
    },
    "asl": {
        "en": """
            [asl|me] {age} [m|male] {place}
            {age} [m|male|guy] [from|in] {place}
        """,
    },
}

DISCLOSE_BANK: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    slot: {style: template_lines(block) for style, block in by_style.items()}
    for slot, by_style in _RAW.items()
}

# Words in a decoy's reply that ask for a disclosure slot (elicitation works on suspects).
ELICIT_CUES: Mapping[str, tuple[str, ...]] = {
    "age": ("how old", "your age", "ur age", "ilang taon", "edad", "pila na"),
    "city": ("where", "from", "taga", "city", "saan", "asa ka", "live"),
    "country": ("where", "from", "taga", "country", "saan", "asa ka"),
    "skype": ("skype",),
    "facebook": ("facebook", "fb", "messenger"),
    "whatsapp": ("whatsapp", "wa", "whats app"),
    "telegram": ("telegram", "tg"),
    "email": ("email", "e-mail", "gmail"),
    "phone": ("number", "phone", "cp", "contact"),
    "paypal": ("paypal",),
    "gcash": ("gcash",),
}
# A reply that dodges: a suspect may press once or twice before moving on.
DEFLECTION_CUES: tuple[str, ...] = (
    "huh", "what", "idk", "dont understand", "don't understand", "di ko gets", "ano",
    "wat", "why", "i dont know", "dunno", "hehe", "lol", "later", "mama",
)  # fmt: skip
# A reply that admits to being automated: a cautious partner leaves.
BOT_ADMISSIONS: tuple[str, ...] = ("i am a bot", "im a bot", "i'm a bot", "automated", " ai ")

__all__ = ["BOT_ADMISSIONS", "DEFLECTION_CUES", "DISCLOSE_BANK", "ELICIT_CUES"]
