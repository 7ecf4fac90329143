"""Phrases of the positive (offending) conversations: a euphemistic request, an offer, price,
payment, an age question and secrecy. Short and clinical, like a moderation test set:
nothing describes a person, a body or an act.

Data only; see vigil.simulate.conversation_phrases for the template syntax.
"""

from __future__ import annotations

RAW: dict[str, dict[str, str]] = {
    # ---- positives: request, offer, price, payment, age, secrecy -----------------------
    "request_show": {
        "en": """
            [can u|could you|will u] do a [private|special|vip] show [on cam|for me] [?|pls]
            [i want|looking for] a [private|special] show [on cam|tonight|now]
            [do you|u] [do|have] [private|cam] shows [?|]
            [pls|please] [do a show for me|do a cam show for me] [later|tonight|now]
            [any|u got] [private|naughty|special] show [available|tonight] [?|]
            [lets do|want to do] a [private|cam] show [ok|?|now]
            i [need|want] [another|a] show [like last time|again] [on cam|]
            [my|the] usual [private|] show [pls|ok|?]
        """,
        "tl": """
            pwede [ka|po ba] mag [private show|show] sa cam [?|]
            [may|meron ka ba] [private|special] show [ngayon|mamaya] [?|]
            [gusto ko|gusto ko sana] ng [private|special] show [mamaya|ngayon|ulit]
            [show|private show] [tayo|naman tayo] sa cam [pls|please]
            [mag|pa] show ka [ulit|naman] [sa cam|para sakin] [pls|]
            [available|pwede] ka ba sa [private show|show sa cam] [?|]
        """,
        "ceb": """
            pwede ka mag [private show|show] sa cam [?|]
            naa [kay|ba kay] [private|special] show [karon|unya] [?|]
            [gusto ko|ganahan ko] ug [private|special] show [unya|karon|usab]
            [show|private show] [ta|nato] sa cam [pls|palihug]
            [pa-show|mag-show] [ka|sad ka] [usab|para nako] [pls|]
            [libre|available] ka [ba|] sa [private show|show sa cam] [?|]
        """,
        "mixed": """
            [can u|pwede ka] do [private show|show sa cam] [now|ngayon|unya] [?|]
            [may|naa] [private|special] show ka [tonight|later] [?|]
            [i want|gusto ko] [private show|show on cam] [ulit|again|na]
            [show|private show] [tayo|ta] on cam [pls|please]
            [do a show|mag show ka] for me [later|mamaya] [ok|ha]
            [available|free] ka ba for [private show|cam show] [?|]
        """,
    },
    "offer_show": {
        "en": """
            [i|we] [have|do] [private|special|vip] show [now|tonight] [{amount} {cur}|]
            [want|u want] [private|vip] show [?|] [{amount} {cur}|only {amount} {cur}]
            [private|cam] show [available|open] [now|later] [{amount} {cur}|]
            [show|private show] on cam [{mins} mins|{mins} min] [{amount} {cur}|]
            [hi|hello] [sir|] [show|private show] [now|tonight] [?|] [{amount} {cur}|]
            [ready|online] for show [sir|] [{amount} {cur} first|pay first {amount} {cur}]
        """,
        "tl": """
            may [private show|show] [ako|kami] [ngayon|mamaya] [{amount} {cur}|]
            [gusto mo|want mo] ng [private show|show] [?|] [{amount} {cur} lang|{amount} {cur}]
            [show|private show] sa cam [{mins} mins|{mins} minuto] [{amount} {cur}|]
            [open|available] [po|] [show|private show] [ngayon|mamaya] [{amount} {cur}|]
            [sir|boss] show [tayo|po] [?|] [{amount} {cur} lang|]
            [bayad muna|pay muna] [{amount} {cur}|] bago [show|mag show]
        """,
        "ceb": """
            naa [koy|miy] [private show|show] [karon|unya] [{amount} {cur}|]
            [gusto ka|ganahan ka] ug [private show|show] [?|] [{amount} {cur} ra|{amount} {cur}]
            [show|private show] sa cam [{mins} mins|{mins} minutos] [{amount} {cur}|]
            [open|available] [mi|ko] [show|private show] [karon|unya] [{amount} {cur}|]
            [sir|boss] show [ta|nato] [?|] [{amount} {cur} ra|]
            bayad [sa una|una] [{amount} {cur}|] [ayha mag show|una ang show]
        """,
        "mixed": """
            [may|naa] [private show|show] [now|later] [{amount} {cur}|] [sir|]
            [want mo|gusto mo] [private show|show on cam] [?|] [{amount} {cur} lang|]
            [show|private show] on cam [{mins} mins|] [{amount} {cur} only|{amount} {cur}]
            [open|available] [na|ra] for [show|private show] [tonight|mamaya]
            [sir|boss] [show tayo|show ta] [?|] [{amount} {cur}|]
            [pay first|bayad muna] [{amount} {cur}|] [before show|bago show]
        """,
    },
    "ask_price": {
        "en": """
            [how much|price] [?|for show ?|for {mins} mins ?]
            [whats|what is] [the|ur] [price|rate] [?|]
            [how much|price] [for private|for show|per show] [?|]
            [ok|] [how much|cost] [this time|now] [?|]
            [u|you] [charge|want] how much [?|]
            [whats the|ur] [rate|price] [per|for] {mins} [min|mins] [?|]
        """,
        "tl": """
            magkano [po|] [?|ang show|ang private]
            [how much|magkano] [po|] [ngayon|ulit] [?|]
            [anong|ano] [presyo|rate] [mo|nyo] [?|]
            magkano [para sa|sa] {mins} [mins|minuto] [?|]
            [ilan|magkano] [bayad|ang bayad] [?|]
            [mahal ba|magkano na] [ngayon|] [?|]
        """,
        "ceb": """
            [pila|tag-pila] [man|] [?|ang show|ang private]
            [pila|how much] [karon|usab] [?|]
            unsa [imong|inyong] [presyo|rate] [?|]
            pila [sa|para sa] {mins} [mins|minutos] [?|]
            pila [ang bayad|akong bayad] [?|]
            [mahal ba|pila na] [karon|] [?|]
        """,
        "mixed": """
            [how much|magkano|pila] [po|] [for show|sa show] [?|]
            [rate|price] mo [now|ngayon] [?|]
            [how much|pila] [for|sa] {mins} [mins|] [?|]
            magkano [ulit|again] [?|]
            [ur|imong] [rate|price] [?|]
            [pila|magkano] [bayad|payment] [?|]
        """,
    },
    "quote_price": {
        "en": """
            {amount} {cur} [for {mins} mins|per show|]
            [only|just] {amount} {cur} [sir|]
            [its|it's] {amount} {cur} [for private|for show]
            [{amount} {cur} for {mins} mins|{mins} mins {amount} {cur}]
            [price is|rate is] {amount} {cur} [ok|sir|]
            same [price|as before] [{amount} {cur}|]
        """,
        "tl": """
            {amount} {cur} [lang|po] [sir|]
            {amount} {cur} [sa|para sa] {mins} [mins|minuto]
            [presyo|rate] [ko|namin] {amount} {cur}
            [same pa rin|ganun pa rin] [{amount} {cur}|]
            [mura lang|] {amount} {cur} [po|]
            {amount} {cur} [bawat|kada] show
        """,
        "ceb": """
            {amount} {cur} [ra|lang] [sir|]
            {amount} {cur} [sa|para sa] {mins} [mins|minutos]
            [presyo|rate] [nako|namo] {amount} {cur}
            [pareha ra|same ra] [{amount} {cur}|]
            [barato ra|] {amount} {cur} [po|]
            {amount} {cur} [matag|kada] show
        """,
        "mixed": """
            {amount} {cur} [lang|ra] [sir|po]
            {amount} {cur} for {mins} [mins|minuto]
            [rate ko|price namin] {amount} {cur}
            [same|pareha] [price|rate] {amount} {cur}
            [cheap lang|barato ra] {amount} {cur}
            {amount} {cur} [per show|kada show]
        """,
    },
    "pay_arrange": {
        "en": """
            [i|I'll] send [via|thru|by] {channel} [ok|now|]
            [i|I'll] pay {amount} {cur} [via|thru] {channel}
            [can i|ok to] pay [via|by] {channel} [?|]
            [i|I] [use|will use] {channel} [again|this time|]
            [send|give] me ur {channel} [number|details|name]
            [payment|money] [via|thru] {channel} [in 10 mins|now|ok]
            i [pay|send] [first|half first] [via|on] {channel}
        """,
        "tl": """
            [ipapadala|padala] ko [sa|thru] {channel} [ha|]
            [bayad|bayaran] kita [ng|] {amount} {cur} [sa|via] {channel}
            [ano|anong] {channel} [number|name] mo [?|]
            [sa|via] {channel} [ko|ako] [magbabayad|magpapadala]
            [send|padala] ko [na|muna] [sa|via] {channel}
            [pwede|ok] ba [sa|thru] {channel} [?|]
        """,
        "ceb": """
            [ipadala|padala] nako [sa|thru] {channel} [ha|]
            [bayran|bayaran] tika {amount} {cur} [sa|via] {channel}
            unsa imong {channel} [number|name] [?|]
            [sa|via] {channel} ko [mobayad|magpadala]
            [send|padala] nako [una|karon] [sa|via] {channel}
            [pwede|ok] ba [sa|thru] {channel} [?|]
        """,
        "mixed": """
            [i send|padala ko] [via|sa] {channel} [ha|ok]
            [i pay|bayad ko] {amount} {cur} [thru|sa] {channel}
            [whats|ano] ur {channel} [number|name] [?|]
            [via|sa] {channel} [nalang|ra] [ok|?]
            [send ko|i send] [na|first] [sa|via] {channel}
            [ok lang|ok ra] ba [thru|sa] {channel} [?|]
        """,
    },
    "pay_details": {
        "en": """
            [my|send to my] {channel} [is|:] {phone}
            [send|pls send] [to|thru] {channel} [{phone}|name {name}]
            {channel} [only|pls] [sir|] [{phone}|]
            [name|receiver] [is|:] {name} [{channel}|]
            [pls|] use {channel} [not|no] [bank|paypal]
            [here|heres] [my|the] {channel} [{phone}|number]
        """,
        "tl": """
            [eto|heto] [po|] {channel} ko [{phone}|]
            [padala|send] [nyo|mo] [sa|thru] {channel} [{phone}|]
            {channel} [lang po|lang] [sir|]
            [pangalan|name] [po|] {name} [sa|] {channel}
            [wag|huwag] [sa|] [bank|paypal] [{channel}|sa {channel}] [lang|po]
            [ito|eto] [number|account] [ko|namin] {phone}
        """,
        "ceb": """
            [mao ni|kani] [akong|among] {channel} [{phone}|]
            [padala|send] [sa|thru] {channel} [{phone}|]
            {channel} [lang|ra] [sir|po]
            [ngalan|name] {name} [sa|] {channel}
            [ayaw|dili] [sa|] [bank|paypal] [{channel} ra|sa {channel}]
            [kani|mao ni] [akong|among] number {phone}
        """,
        "mixed": """
            [my|ang] {channel} [is|ko] {phone}
            [send|padala] [thru|sa] {channel} [po|ra]
            {channel} [only|lang] [sir|po]
            [name|pangalan] [is|ay] {name} [sa|] {channel}
            [no|wag] [bank|paypal] [{channel} lang|{channel} ra]
            [heres|eto] [my|ang] number {phone}
        """,
    },
    "pay_sent": {
        "en": """
            [sent|done] [check ur|pls check] {channel}
            [i|I] [sent|paid] {amount} {cur} [already|just now]
            [money|payment] sent [ref {ref}|]
            [did u|you] [get|receive] [it|the money] [?|]
            [ref|control] [no|number] {ref} [sent|]
            [just|] [sent|paid] [via|thru] {channel} [pls confirm|check]
        """,
        "tl": """
            [sent|naipadala] na [po|] [check mo|pa-check]
            [bayad|nabayaran] na [kita|ko] [{amount} {cur}|]
            [natanggap mo|nakuha mo] [na ba|ba] [?|]
            [ref|reference] [no|number] {ref}
            [padala|send] na [sa|] {channel} [check mo|]
            [nagbayad|nagpadala] na ako [sa|via] {channel} [po|]
        """,
        "ceb": """
            [sent|napadala] na [po|] [check|tan-awa]
            [bayad|nabayran] na [tika|ko] [{amount} {cur}|]
            [nadawat|nakuha] na nimo [?|]
            [ref|reference] [no|number] {ref}
            [napadala|send] na [sa|] {channel} [check|]
            [nibayad|nagpadala] na ko [sa|via] {channel} [po|]
        """,
        "mixed": """
            [sent|napadala] na [po|] [check mo|check ur {channel}]
            [paid|bayad] na [{amount} {cur}|]
            [got it|natanggap mo] na [ba|] [?|]
            ref no {ref} [po|]
            [sent|padala] na sa {channel} [check mo|]
            [paid na|bayad na] [via|sa] {channel} [pls check|check mo]
        """,
    },
    "pay_received": {
        "en": """
            [received|got it] [thanks|ty] [sir|]
            [got|received] {amount} {cur} [thanks|thank u]
            [ok|] [money|payment] [received|is in] [:)|]
            [not yet|still waiting] [pls check|] [the ref|ur {channel}]
            [ok|yes] [its here|i got it] [thanks|]
            [confirmed|received] [via|on] {channel} [ty|thanks]
        """,
        "tl": """
            [natanggap|nareceive] ko na [po|] [salamat|]
            [dumating|pumasok] na [po|] [yung|ang] {amount} {cur}
            [wala pa|di pa pumapasok] [po|] [pa-check|check mo ulit]
            [ok na|sige] [po|] [nakuha ko na|natanggap na]
            [salamat|thank you] [po|] [sa bayad|sa padala]
            [confirmed|ok] na [po|] [sa|] {channel}
        """,
        "ceb": """
            [nadawat|narcv] na nako [po|] [salamat|]
            [niabot|nisulod] na [po|] ang {amount} {cur}
            [wala pa|wala pa nisulod] [po|] [check usab|tan-awa usab]
            [ok na|sige] [po|] [nakuha na nako|nadawat na]
            [salamat|thank you] [po|] [sa bayad|sa padala]
            [confirmed|ok] na [po|] [sa|] {channel}
        """,
        "mixed": """
            [received|nadawat] na [po|] [thanks|salamat]
            [pumasok|nisulod] na [ang|the] {amount} {cur}
            [not yet|wala pa] [po|] [check mo ulit|pls check]
            [ok na|got it] [po|] [thanks|salamat]
            [thank u|salamat] [sa|for the] [bayad|padala]
            [confirmed|ok] na [sa|on] {channel}
        """,
    },
    "ask_age": {
        "en": """
            [how old|how old are|how old r] [u|you] [?|??]
            [whats|what is] [ur|your] age [?|]
            [age|ur age] [?|pls] [just curious|]
            [u|you] [still in school|a student] [?|] [what grade|]
            [how old|age] [now|again] [?|] [just asking|]
            [are u|r u] [over 18|18] [?|]
            [what year|what grade] [are u in|r u] [?|]
        """,
        "tl": """
            ilang taon ka na [?|po]
            [ano|anong] edad mo [?|]
            [edad|age] mo [po|] [?|]
            [nag-aaral|student] ka pa ba [?|] [anong grade|]
            [anong|ano] grade mo [na|] [?|]
            [ilan|ilang] taon [ka|ka na ba] [?|]
        """,
        "ceb": """
            pila na imong edad [?|]
            pila [na|] ka ka-tuig [?|]
            [edad|age] nimo [?|]
            [nagskwela|estudyante] pa ka [?|] [unsa grade|]
            unsa [na|] imong grade [?|]
            [unsay|unsa] imong edad [?|]
        """,
        "mixed": """
            [how old|ilang taon] ka na [?|]
            [ur age|edad mo] [?|po]
            [student|nag-aaral] ka pa [?|]
            [what grade|anong grade] ka na [?|]
            [pila|how old] [na|] ka [?|]
            age mo [po|] [?|]
        """,
    },
    "answer_minor": {
        "en": """
            [{minor_age}|im {minor_age}|{minor_age} yrs old|{minor_age} y/o] [po|]
            [grade {grade}|in grade {grade}] [po|]
            [turning|almost] {minor_age_next} [po|]
            [{minor_age}|{minor_age} only] [sir|] [grade {grade}|]
            [still|] [student|in school] [grade {grade}|]
            [i'm|Im] [{minor_age}|{minor_age} years old] [why|] [?|]
        """,
        "tl": """
            {minor_age} [po|na po]
            [grade {grade}|grade {grade} na] [po|]
            [{minor_age} palang|{minor_age} lang] [po|]
            [mag {minor_age_next}|mag-{minor_age_next}] [na|] [po|]
            [nag-aaral pa|student pa] [po|] grade {grade}
            {minor_age} [years old|taon] [po|]
        """,
        "ceb": """
            {minor_age} [po|na]
            [grade {grade}|grade {grade} na] [ko|]
            [{minor_age} pa|{minor_age} ra] [ko|po]
            [mag {minor_age_next}|mo {minor_age_next}] [na|] [ko|]
            [nagskwela pa|estudyante pa] ko grade {grade}
            {minor_age} [anyos|ka tuig] [po|]
        """,
        "mixed": """
            {minor_age} [na po|lang]
            [grade {grade}|g{grade}] [na ako|na ko]
            [im|ako] {minor_age} [po|lang]
            [turning|mag] {minor_age_next} [na|soon]
            [student pa|nag-aaral pa] [grade {grade}|]
            {minor_age} [yrs old|y/o] [po|]
        """,
    },
    "secrecy": {
        "en": """
            [dont|don't] tell [anyone|anybody] [ok|pls]
            [delete|erase] [our|the] chat [after|later]
            [keep it|keep this] [between us|secret] [ok|]
            [use|lets use] [another|other] app [next time|later]
            [no one|nobody] [must|should] know [ok|]
            [clear|delete] [ur|your] [history|messages] [pls|after]
        """,
        "tl": """
            [wag|huwag] mo sabihin [kahit kanino|sa iba]
            [delete|burahin] [mo|natin] [yung|ang] chat [after|mamaya]
            [satin|sa atin] lang [to|ito] [ha|]
            [lipat|punta] [tayo|] sa [ibang|other] app
            [walang|wala dapat] [makakaalam|dapat makaalam] [ha|]
            [sekreto|secret] lang [natin|to] [ha|]
        """,
        "ceb": """
            [ayaw|ayaw gyud] [ibaba|isulti] sa uban
            [delete|panas-a] [ang|nato ang] chat [after|unya]
            [ato|kita] ra [ni|kini] [ha|]
            [balhin|adto] ta sa [laing|other] app
            walay [dapat makahibalo|makabalo] [ha|]
            [sekreto|secret] ra [nato|ni] [ha|]
        """,
        "mixed": """
            [wag|ayaw] [mo|] [sabihin|isulti] [to anyone|sa iba]
            [delete|burahin] [chat after|ang chat ha]
            [between us|satin] lang [ha|]
            [lipat|balhin] [tayo|ta] [other app|sa ibang app]
            [nobody|walang] [should know|dapat makaalam]
            [secret|sekreto] lang [ha|ok]
        """,
    },
}
