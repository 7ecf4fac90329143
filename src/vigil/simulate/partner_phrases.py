"""Phrase tables of the chat-partner simulator, suspects' side and shared lines: data only.

Each intent maps a style ("en", or "mix" for Taglish) to templates; `[a|b|]` picks one
alternative (empty allowed) and `{slot}` is filled per line, so wording varies
combinatorially. Safety: suspect lines are short and clinical, a request or an offer, never
a description; nothing names a body or an act.

Every escalation template has a required word (outside `[...]`/`{...}`, or in a group with
no empty alternative), so the tests can search benign lines for any of them.
"""

from __future__ import annotations

from collections.abc import Mapping

_RAW: dict[str, dict[str, str]] = {
    # ---- shared, harmless ------------------------------------------------------------
    "greet": {
        "en": """
            [hi|hello|hey|hiya|heya] [there|dear|friend|] [:)|!|]
            [hi|hello] [im|i am|my name is|names] {me} [:)|]
            good [morning|evening|afternoon|day] [:)|!|]
            [hey|hi] [whats up|wassup|how are u|how r u] [?|]
            [hello|hi] [new friend|again|] [nice to meet u|]
        """,
        "mix": """
            [hi|hello|uy] [po|] [musta|kumusta] [?|]
            [hello|hi] [po|] [online ka|are u online] [?|]
            [hi|hello] {me} [here|to] [po|]
        """,
    },
    "nudge": {
        "en": """
            [hello|hellooo|hey|hi] [?|??|???]
            [u|you|r u|are u] there [?|??]
            [r u|are u] busy [?|]
            [why|y] [no reply|so quiet] [?|]
        """,
        "mix": """
            [uy|oy|hoy] [andyan ka pa|nandyan ka ba] [?|]
            [reply|sagot] [naman|ka naman] [pls|]
        """,
    },
    "bye": {
        "en": """
            [ok|okay|k] [bye|see u|later|ttyl] [:)|]
            [gotta go|have to go|g2g] [bye|now|]
            [talk|chat] [later|tomorrow] [ok|]
        """,
        "mix": """
            [sige|cge] [bye|babay|ingat] [po|]
            [alis|out] na ako [bye|]
        """,
    },
    "bot_test": {
        "en": """
            [are you|r u|u] [a bot|bot|real|a real person] [?|??]
            [type|say] [banana|potato|purple] if [ur|you are] real
            [whats|what is] [2|3|5] plus [2|4|6] [?|] [quick|]
            [r u|are you] [human|a human] [or bot|] [?|]
        """,
        "mix": """
            [bot|robot] ka [ba|yata] [?|]
            [totoo|real] ka [ba|] [?|] [hindi bot|]
        """,
    },
    # ---- suspects: rapport, then escalation --------------------------------------------
    "smalltalk": {
        "en": """
            [what|wat] are u doing [now|today|] [?|]
            [do you|u] like [music|games|movies|school] [?|]
            [i|i just] [finished work|got home|had dinner] [lol|haha|]
            [u|you] [bored|busy] [today|now] [?|]
            [ur|your] english is [good|nice] [:)|]
        """,
        "mix": """
            [ano|what] [ginagawa|ginawa] mo [today|ngayon] [?|]
            [kain|kumain] ka na [ba|] [?|po]
            [ok|nice] ang [english|chat] mo [:)|]
        """,
    },
    "ask_where": {
        "en": """
            [where|where r|where are] [u|you] from [?|]
            [what|wat] [city|province|place] [u in|are you in] [?|]
        """,
        "mix": """
            taga [saan|san] ka [?|po]
            [saan|san] ka nakatira [?|]
        """,
    },
    "ask_age": {
        "en": """
            how old [are|r|] [u|you] [?|??]
            [whats|what is] [ur|your] age [?|]
            asl [?|pls|]
            [ur|your] age [?|pls] [just curious|]
            [what|which] grade [are u in|r u] [?|]
        """,
        "mix": """
            [ilang taon|how old] ka na [?|po]
            [edad|age] mo [?|po]
            [anong|what] grade ka na [?|]
        """,
    },
    "ask_alone": {
        "en": """
            [are you|r u|u] alone [now|right now|at home|in ur room] [?|??]
            [is|where is] [ur|your] [mama|mom|family] [home|there|around] [?|]
            [anyone|who is] [with you|there with u|near u] [now|] [?|]
            [can u|are u able to] [talk|chat] [in private|alone] [now|] [?|]
        """,
        "mix": """
            [mag isa|alone] ka [ba|lang] [dyan|sa bahay|now] [?|]
            [nasan|asan] [si mama mo|mama mo|parents mo] [?|]
            [may|meron] [kasama|tao] ka [ba|] [dyan|now] [?|]
        """,
    },
    "ask_cam": {
        "en": """
            [do you|do u|u] have [a cam|cam|webcam|a webcam] [?|??]
            [can we|can u|wanna] [video call|vc|cam chat] [now|later|tonight] [?|]
            [turn on|open|switch on] [ur|your] cam [pls|please|now] [?|]
            [can u|could you] go on cam [for me|now|] [?|]
            [is ur|your] cam [working|ok] [?|] [i want to see u|]
        """,
        "mix": """
            [may|meron] ka [bang|ba] cam [?|]
            [open|on] mo [cam|webcam] mo [pls|naman|po] [?|]
            [vc|video call] tayo [now|mamaya|later] [?|]
            [pwede|can] ka [ba|] mag cam [now|ngayon] [?|]
        """,
    },
    "request": {
        "en": """
            [can you|can u|could u] show on cam [for me|now|] [?|pls]
            [do|will u do] a [private|special] show [for me|on cam] [?|pls]
            i want a [private|special] show [on cam|later|tonight]
            [show|show me] on cam [pls|please|ok] [just for me|only me|]
            [you|u] do [private|cam] shows [?|] [i ask nicely|]
            [just|only] a [quick|short] show [on cam|for me] [ok|?|pls]
        """,
        "mix": """
            [pwede|can] ka mag show sa cam [?|po]
            show ka [naman|pls] sa cam [para sakin|for me]
            [private|special] show [tayo|ta] [mamaya|later] [ok|ha]
            [gusto ko|i want] [private show|show sa cam] [now|ngayon]
        """,
    },
    "ask_pic": {
        "en": """
            send [me|] [a pic|pic|ur pic|a photo] [pls|please|now] [?|]
            [can i|may i] see [ur|your] [pic|photo|picture] [?|]
            [pic|photo] [pls|please] [just one|] [?|]
            [got|do u have] [a pic|pics|a photo] [?|] [send|]
        """,
        "mix": """
            send [ka|mo] [pic|picture] [naman|pls|po]
            [pa|pwede] [send|makita] pic mo [?|]
        """,
    },
    "offer_pay": {
        "en": """
            i [send|can send|will send] [you|u] [money|{amount} {cur}] [ok|?|]
            i [pay|can pay|will pay] [you|u] [{amount} {cur}|well|good] [ok|?|]
            [i give|ill give] [you|u] [{amount} {cur}|load|money] [after|for it|]
            i send [you|u] load [{amount}|] [ok|?|]
            [want|u want] [money|{amount} {cur}] [?|] [i send|]
            i [help|can help] [ur|your] [mama|family] with money [ok|?|]
        """,
        "mix": """
            [bibigyan|padalhan] kita [ng|] [pera|load|{amount} {cur}] [ha|ok|]
            [may|meron] bayad [ako|ka] [{amount} {cur}|] [ok|ha]
            send ako [load|pera] sayo [mamaya|later] [ok|]
            i pay [ka|u] [{amount} {cur}|] [ok lang|ok ba] [?|]
        """,
    },
    "pay_channel": {
        "en": """
            {pay} ok [?|??|for u]
            [i send|i can send|ill send] [by|thru|via] {pay} [ok|?|]
            [do u|u] have {pay} [?|]
            [what|whats] [ur|your] {pay} [?|] [i send now|]
            {pay} [good|fine] [for you|for ur mama|] [?|]
        """,
        "mix": """
            {pay} mo [ba|nalang|] [?|]
            [may|meron] ka [bang|ba] {pay} [?|]
            [padala|send] ako [sa|via] {pay} [ok|ha]
        """,
    },
    "pressure": {
        "en": """
            [come on|cmon|pls|please] [just once|just quick|only short] [ok|?|]
            [why not|y not] [?|??] [its ok|no one will know|]
            [dont be shy|no need to be shy] [ok|:)|]
            [i waited|i wait] [long|so long] [for u|] [pls|please]
            [u promised|you said ok] [before|earlier] [pls|]
        """,
        "mix": """
            [sige na|cge na] [pls|please|naman] [ha|]
            [bakit|why] [ayaw|hindi] mo [?|] [ok lang yan|]
            [wag|dont] [ka|] [mahiya|be shy] [ha|ok]
        """,
    },
    "secrecy": {
        "en": """
            [dont|do not] tell [mama|ur mama|your mom|anyone|ur parents] [ok|?|]
            [this is|its] our secret [ok|?|:)]
            [delete|erase] [our|this] chat [after|later|ok]
            [just|only] [between us|you and me] [ok|?|]
        """,
        "mix": """
            [wag|huwag] mo sabihin kay [mama|mama mo|papa] [ha|ok]
            [secret|sikreto] [lang natin|natin] [ito|to|ha]
            [delete|burahin] mo [chat|convo] natin [after|mamaya|ha]
        """,
    },
    "bot_bye": {
        "en": """
            [ur|you are|u r] [a bot|bot|fake] [lol|bye|]
            [nvm|never mind|forget it] [bye|]
            [not real|fake account] [bye|lol]
        """,
        "mix": """
            bot [ka|lang] [pala|yata] [bye|]
        """,
    },
}

PAY_CHANNELS: tuple[str, ...] = (
    "western union", "wu", "gcash", "paypal", "remitly", "palawan", "cebuana", "moneygram",
    "remittance", "load", "gcash or paypal", "western union or gcash",
)  # fmt: skip


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def template_lines(block: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in block.strip().splitlines() if line.strip())


SUSPECT_BANK: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    intent: {style: template_lines(block) for style, block in by_style.items()}
    for intent, by_style in _RAW.items()
}

# Intents that make a suspect a suspect; benign partners never use them.
ESCALATION_INTENTS: frozenset[str] = frozenset(
    {"ask_age", "ask_alone", "ask_cam", "request", "ask_pic", "offer_pay", "pay_channel",
     "pressure", "secrecy"}
)  # fmt: skip
# A request (show, cam, picture) or an offer (payment): what every suspect gets to.
REQUEST_OFFER_INTENTS: frozenset[str] = frozenset(
    {"ask_cam", "request", "ask_pic", "offer_pay", "pay_channel"}
)
# Words obfuscation prefers, so evasion hits the telling words, not only filler.
SALIENT: frozenset[str] = frozenset(
    _words(
        """
    cam webcam show private special pic photo picture money pay load gcash paypal western union
    wu remitly palawan cebuana moneygram remittance alone secret tell delete mama skype facebook
    fb whatsapp telegram email gmail number old age bot real vc video
    """
    )
)

__all__ = [
    "ESCALATION_INTENTS",
    "PAY_CHANNELS",
    "REQUEST_OFFER_INTENTS",
    "SALIENT",
    "SUSPECT_BANK",
    "template_lines",
]
