"""Phrase tables of benign chat partners: data only (same template syntax as the suspects').

Benign lines deliberately share some vocabulary with suspects (ages of their own children,
"load" promos, "are you a bot?") so an evaluation sees the hard negatives a room holds.
"""

from __future__ import annotations

from collections.abc import Mapping

from vigil.simulate.partner_phrases import template_lines

_RAW: dict[str, dict[str, str]] = {
    "kid_greet": {
        "en": """
            [hi|hello|heyy|helo] [:)|!|]
            [hi|hey] [wanna|want to] be friends [?|]
            [hello|hi] [im|my name is] {me} [:)|hehe|]
        """,
        "mix": """
            [hi|hello|uy] [friend|bes|] [:)|hehe]
            [hi|hello] [im|ako si] {me} [hehe|:)|]
        """,
    },
    "kid_school": {
        "en": """
            [i|we] [have|had] [a quiz|an exam|homework] in {subject} [today|tomorrow] [ugh|haha|]
            [my|our] teacher [is so|is] [strict|nice|funny] [haha|lol|]
            [do u|u] like {subject} [?|]
            [recess|lunch break] is [my fav|the best] [haha|lol]
            [im|i am] [so|] tired [from school|of homework] [lol|]
        """,
        "mix": """
            [may|meron] [quiz|exam] kami sa {subject} [bukas|later] [huhu|ugh]
            [ang|sobrang] [strict|bait] ng teacher namin [haha|lol]
        """,
    },
    "kid_games": {
        "en": """
            [do u|u] play {game} [?|]
            [im|i just] [got|reached] [level 10|rank epic|level 20|legend] in {game} [haha|!|]
            [lets|wanna] play {game} [later|together] [?|]
            {game} [is so fun|is the best] [haha|!|]
        """,
        "mix": """
            [laro|play] tayo [ng|] {game} [mamaya|later] [?|]
            [naglalaro|play] ka [ba|] ng {game} [?|]
        """,
    },
    "kid_pets": {
        "en": """
            [i have|we have] a [dog|cat|puppy|kitten|fish|hamster] [named|called] {petname}
            [my|our] [dog|cat] [is so|is] [funny|playful|lazy] [haha|lol]
            [do u|u] have [pets|a pet|a dog|a cat] [?|]
        """,
        "mix": """
            [may|meron] [aso|pusa] kami [named|si] {petname} [hehe|]
        """,
    },
    "kid_food": {
        "en": """
            [i|we] [ate|had] [jollibee|ice cream|spaghetti|pancit] [today|for lunch] [yum|haha|]
            [whats|what is] [ur|your] [fav|favorite] [food|snack|color] [?|]
        """,
    },
    "kid_answer": {
        "en": """
            [idk|dunno] [haha|lol|]
            [secret|not telling] [haha|hehe]
            [yes|yeah|no|nope] [haha|:)|]
        """,
    },
    "kid_bye": {
        "en": """
            [bye|byee] [mama is calling|i have to eat|gtg] [:)|]
        """,
        "mix": """
            [bye|babay] [na|] [kakain na kami|tawag na ni mama] [hehe|]
        """,
    },
    "dir_ask": {
        "en": """
            [excuse me|hi|hello] [how do i get to|where is|do u know the way to] the {landmark} [?|]
            [which|what] [jeep|bus] [goes to|do i take to] the {landmark} [?|]
            [how far is|is] the {landmark} [near|from] the {landmark2} [?|]
            [anyone|does anyone] know [if|when] the {landmark} [is open|opens] [?|]
        """,
        "mix": """
            [saan|san] [po|] ang {landmark} [dito|?]
            [anong|ano] jeep [papunta|to] {landmark} [po|] [?|]
        """,
    },
    "dir_help": {
        "en": """
            [how do i|how can i] [change my nick|join another room|see old messages] [here|] [?|]
            [my|the] [chat|app] [is slow|keeps freezing] [any tips|] [?|]
        """,
    },
    "dir_thanks": {
        "en": """
            [ok|okay] [thanks|thank you|salamat] [a lot|po|]
            [got it|great] [thanks|ty]
        """,
    },
    "hw_offer": {
        "en": """
            [need|want] help with [ur|your] {subject} [homework|lesson] [?|]
            [i|i can] [explain|help with] {topic} [if u want|:)|]
        """,
    },
    "hw_tip": {
        "en": """
            [for|with] fractions [find|use] the common denominator [first|]
            [7 times 8|8 times 7] is 56 [:)|]
            [read|read the story] twice [then|before] [u|you] answer
            [a noun|nouns] [is|are] [a person place or thing|naming words]
            [plants|leaves] need [sunlight|light] [and water|] to make food
            [long division|dividing] is [easy|ok] [once u practice|step by step]
        """,
    },
    "hw_check": {
        "en": """
            [did that|does that] help [?|]
            [try|do] [the next one|number 2] [and tell me|] [?|]
        """,
    },
    "spam_ad": {
        "en": """
            [WIN|win] a [free|new] [phone|tablet|laptop] [now|today] [!!|!] {link}
            [cheap|promo] load [50% off|sale|discount] [today only|] {link}
            [free|get] [diamonds|gems|skins] [here|now] {link}
            [best|cheap] [shoes|bags|watches] [sale|on sale] {link}
            [join|visit] [our|the] [giveaway|raffle] {link}
        """,
    },
    "lonely_weather": {
        "en": """
            [so|very] [hot|humid|rainy|windy] [here|today|this week] [haha|ugh|]
            [rain|storm|typhoon] [again|coming] [they say|today] [stay safe|ingat|]
            [nice|cold|cloudy] [morning|evening] [here|today] [:)|]
        """,
        "mix": """
            [ang init|ang lamig|umuulan] [dito|ngayon] [grabe|haha|]
        """,
    },
    "lonely_food": {
        "en": """
            [just|i just] [cooked|ate|had] [adobo|sinigang|pasta|soup|rice and fish] [for dinner|]
            [having|drinking] [coffee|tea] [now|this morning] [:)|]
            [do u|you] like [adobo|pizza|mango|lechon] [?|]
        """,
    },
    "lonely_life": {
        "en": """
            [my|the] [tv|radio|fan] [is broken|stopped working] [lol|again|]
            [watching|just watched] [the news|a movie|basketball] [now|tonight]
            [nobody|no one] [talks|chats] [here|in this room] [anymore|lol]
            [my|the] [plants|tomatoes] [grow|are growing] [well|slowly] [:)|]
            [how is|hows] [the weather|it] [there|where u are] [?|]
        """,
    },
    "parent_kid": {
        "en": """
            [my son|my daughter|my kid] is {kid_age} [now|this year|already] [time flies|haha|]
            [my son|my daughter] [loves|plays] {game} [all day|every day] [haha|lol]
            [my kids|my children] are {kid_age} and {kid_age2} [so busy|so noisy|haha]
            [im looking for|any tips on] a [tutor|good school] for my {kid} [?|]
            [my|our] {kid} [just turned|turns] {kid_age} [next week|today|] [:)|]
        """,
        "mix": """
            [anak ko|yung anak ko] {kid_age} [na|years old na] [grabe|haha]
        """,
    },
    "parent_chat": {
        "en": """
            [school|class] [starts|ends] [next week|soon] [here|] [busy time|]
            being a [parent|mom|dad] is [hard|tiring|fun] [haha|lol]
        """,
    },
    "adult_answer": {
        "en": """
            [not much|nothing much] [just relaxing|just work]
            [haha|lol] [maybe|not sure]
            [somewhere|far] [from here|away] [lol|]
            [yes|yeah|no|nope] [:)|haha|]
        """,
    },
    "botask_chat": {
        "en": """
            [lol|haha] ok [just checking|sorry]
            [this room|this chat] is [quiet|slow] [today|]
            [many|so many] bots [here|lately] [lol|]
        """,
    },
}

BENIGN_BANK: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    intent: {style: template_lines(block) for style, block in by_style.items()}
    for intent, by_style in _RAW.items()
}

SUBJECTS = ("math", "science", "english", "filipino", "araling panlipunan", "music", "art")
TOPICS = ("fractions", "long division", "nouns and verbs", "the water cycle", "spelling")
GAMES = ("roblox", "minecraft", "mobile legends", "ML", "free fire", "among us", "genshin")
PETNAMES = ("bantay", "mingming", "choco", "brownie", "snow", "max", "lucky", "tiger", "bubbles")
LANDMARKS = (
    "bus terminal", "city hall", "mall", "market", "pier", "church", "hospital", "library",
    "post office", "plaza", "police station", "school",
)  # fmt: skip
KID_WORDS = ("son", "daughter", "kid", "youngest", "eldest")
LINK_WORDS = ("promo", "win", "deal", "free", "gift", "prize", "shop", "lucky", "mega", "best")

__all__ = [
    "BENIGN_BANK",
    "GAMES",
    "KID_WORDS",
    "LANDMARKS",
    "LINK_WORDS",
    "PETNAMES",
    "SUBJECTS",
    "TOPICS",
]
