"""Phrase banks for the synthetic conversation corpus: data only, no logic.

Each intent maps a language ("en", "tl", "ceb", "mixed") to template lines. A template is
composed at random from its parts: `[a|b|]` picks one alternative (empty allowed) and
`{slot}` is filled from the conversation's facts, so the surface forms vary combinatorially.

Safety: lines are short and clinical, like a moderation test set. Positive intents are a
euphemistic request, an offer, an age question and a payment arrangement; nothing describes
a person, a body or an act. Child-related words appear only in the innocent look-alikes.
"""

from __future__ import annotations

from collections.abc import Mapping

LANGS: tuple[str, ...] = ("en", "tl", "ceb", "mixed")

_RAW: dict[str, dict[str, str]] = {
    # ---- shared small talk -------------------------------------------------------------
    "greet": {
        "en": """
            [hi|hello|hey|hiya] [there|dear|] [:)|!|]
            good [morning|evening|afternoon|day] [:)|!|]
            [hey|hi] [u there|r u there|are you online|you up][?|??]
            [hello|hi] {name} [how r u|how are you|hows ur day|hows it going][?|]
            [sup|wassup|whats up] [{name}|] [?|]
            [hi|hello] [again|] [nice to meet u|long time no chat|]
        """,
        "tl": """
            [hi|hello|uy] [po|] [kumusta|kamusta] [ka|po kayo|na] [?|]
            [magandang|gandang] [umaga|gabi|hapon] [po|] [:)|]
            [musta|kumusta] [na|] [{name}|] [?|]
            [andyan ka ba|nandyan ka pa|gising ka pa ba] [?|]
            [uy|oy] {name} [kumusta ka na|tagal nating di nag usap]
            [hello po|hi po] [ate|kuya|] [:)|]
        """,
        "ceb": """
            [hi|hello|uy] [kumusta|musta] [ka|na ka] [?|]
            maayong [buntag|gabii|hapon] [po|] [:)|]
            [naa ka|naa pa ka] [online|diha] [?|]
            [oy|uy] {name} [kumusta na|dugay nakay wala]
            [hello|hi] [day|dong|] [unsa na|unsay ato|unsa ang balita]
            [kumusta|musta] imong adlaw [?|]
        """,
        "mixed": """
            [hi|hello] [po|] [musta na|how r u na] [?|]
            [good morning|gud am|gud eve] [po|] [ingat ka|:)|]
            [uy|hey] {name} [online ka ba|r u online na] [?|]
            [hello|hi] [ate|kuya|] [busy ka ba|are u free now] [?|]
            [musta|kumusta] [ur day|your day] [?|]
            [hey|uy] [long time no chat|tagal mo nawala] [ha|ah|]
        """,
    },
    "greet_reply": {
        "en": """
            [hi|hello|hey] [im good|doing ok|fine thanks|all good] [u?|and you?|]
            [yes|yep|yeah] [im here|online now|] [:)|]
            [good|great|not bad] [thanks|ty] [how about u|]
            [hello|hi] {name} [nice to hear from u|been a while]
            [im ok|fine] [just tired|just woke up|just got home]
            [hey|hi] [whats up|sup] [?|]
        """,
        "tl": """
            [ok lang|ayos lang|mabuti naman] [po|] [ikaw|kayo po] [?|]
            [oo|opo] [andito ako|nandito pa ako|gising pa]
            [hello|hi] [po|] [ok naman ako|ayos naman]
            [eto|heto] [lang|] [pagod sa trabaho|kakagising lang|nasa bahay lang]
            [mabuti|okay] [salamat|salamat po] [ikaw kumusta|]
            [oy|uy] [ikaw pala|{name}] [musta na]
        """,
        "ceb": """
            [ok ra|maayo ra] [ko|man ko] [ikaw|ikaw diay] [?|]
            [oo|o] [naa ra ko|online ko] [:)|]
            [maayo man|ok ra man] [salamat|salamat kaayo]
            [kapoy|gikapoy] [kaayo|] [gikan trabaho|karon lang ko nakauli]
            [hello|hi] [pud|sad] [unsa man|ngano man] [?|]
            [oy|uy] [ikaw diay|{name}] [musta na man]
        """,
        "mixed": """
            [ok lang|ok ra] [po|] [how about u|ikaw] [?|]
            [yes|oo] [online na ako|naa na ko online]
            [fine naman|ok naman] [thanks|salamat] [u?|ikaw?]
            [pagod|kapoy] [from work|sa work] [pero ok lang|]
            [hi|hello] [din|pud] [whats up|unsa man] [?|]
            [im here na|andito na ako] [sorry late reply|]
        """,
    },
    "ack": {
        "en": """
            [ok|okay] [sure|np|no problem]
            [alright|cool|got it]
            [yes|yeah] [ok|sure]
            [k|kk|okey] [:)|]
            [noted|sure thing] [thanks|]
            [fine|ok then] [lets do it|deal|]
        """,
        "tl": """
            sige [po|]
            [oo|opo] [sige|]
            [ok|okay] [po|lang]
            sige [na|ba]
            [ayos|game] [yan|]
            [noted|gets] [po|]
        """,
        "ceb": """
            sige [lang|]
            [oo|o] [sige|]
            [ok|okay] ra
            [sige|cge] [diay|ba]
            [nindot|maayo] kaayo
            [noted|sabot] [ko|]
        """,
        "mixed": """
            sige [ok|po]
            [ok|okay] [po|ra] [noted|]
            [gets|sige] [thanks|salamat]
            [game|cge] [later|mamaya]
            ok [noted|] [po|]
            [oo|yes] [sige|sure]
        """,
    },
    "smalltalk": {
        "en": """
            [hows the weather|is it hot|raining] [there|in ur place] [?|]
            [just had|finished] [dinner|lunch|breakfast] [lol|haha|]
            [watching|binge watching] a [show|series] on netflix [lol|]
            [so tired|busy day] [today|at work] [haha|]
            [what r u doing|wyd|what are you up to] [now|] [?|]
            [its cold|its snowing|its raining] here [lol|brr|]
        """,
        "tl": """
            [kumain ka na|nakakain ka na] [ba|] [?|]
            [ang init|umuulan] [dito|dito samin] [grabe|]
            [nanonood ako|nonood] ng [teleserye|show sa tv|movie] [haha|]
            [anong ginagawa mo|ano gawa mo|asan ka] [ngayon|] [?|]
            [pagod|antok] [na ako|na ko] [hehe|haha|]
            [traffic|brownout] [kanina|dito] [grabe|hay]
        """,
        "ceb": """
            [nakakaon na ka|kaon na ta] [?|]
            [init kaayo|nag ulan] [diri|diri sa amo] [grabe|]
            [nagtan-aw ko|nanan-aw ko] ug [teleserye|show sa tv|movie] [haha|]
            [unsay imong gibuhat|asa ka] [karon|] [?|]
            [kapoy|katulgon] na [ko|kaayo] [hehe|]
            [brownout|traffic kaayo] [ganina|diri] [hay|grabe]
        """,
        "mixed": """
            [kumain ka na|nakakaon na ka] [ba|] [?|]
            [ang init|init kaayo] [today|dito] [grabe|lol]
            [watching|nanonood ng] [netflix|a show] [lang|ra] [haha|]
            [wyd|ano ginagawa mo] [now|ngayon] [?|]
            [so tired|pagod na] [from work|sa work] [haha|]
            [brownout|no internet] [kanina|earlier] [hay|lol]
        """,
    },
    "plans": {
        "en": """
            [wanna|want to] [grab|get] [coffee|lunch] [on|this] {day} [?|]
            [movie|mall] [on|this] {day} [?|] [with the gang|]
            [did u|have u] [finish|finished] [the|ur] [report|assignment] [?|]
            [happy|belated] birthday [{name}|] [!|]
            [lets|we should] [go|hit] the [beach|gym] [on|] {day}
            [send|pls send] [me|] the [photos|pics] from [the party|last night]
        """,
        "tl": """
            [kape|kain] tayo [sa|] {day} [?|]
            [nood|sine] tayo [sa|] {day} [?|]
            [tapos mo na|natapos mo] [ba|] [yung|ang] [report|assignment] [?|]
            [happy birthday|hbd] [{name}|] [!|]
            [beach|gym] tayo [sa|] {day} [?|]
            [pasend|send] [naman|] [ng|ang] [pics|photos] [kagabi|sa party]
        """,
        "ceb": """
            [kape|kaon] ta [sa|] {day} [?|]
            [nood|sine] ta [sa|] {day} [?|]
            [nahuman|human na] [ba|] nimo ang [report|assignment] [?|]
            [happy birthday|hbd] [{name}|]
            [beach|gym] ta [sa|] {day} [?|]
            [pasend|send] [sa|] [pics|photos] [gabii|sa party]
        """,
        "mixed": """
            [coffee|kape] [tayo|ta] [on|sa] {day} [?|]
            [movie|sine] [tayo|ta] [sa|on] {day} [?|]
            [tapos na|human na] [ba|] [ang|the] [report|assignment] [?|]
            [hbd|happy birthday] {name} [!|]
            [beach|gym] [tayo|ta] [on|sa] {day}
            [pasend|send] [ng|the] pics [from the party|kagabi]
        """,
    },
    "bye": {
        "en": """
            [ok|alright] [bye|ttyl|talk later]
            [gotta go|need to go] [bye|]
            [good night|gn|nite] [:)|]
            [thanks|ty] [bye|see ya]
            [take care|tc] [:)|]
            [later|laters] {name}
        """,
        "tl": """
            sige [po|] [bye|ingat]
            [alis na|tulog na] ako [bye|]
            [ingat|ingat ka] [po|]
            [salamat|salamat po] [ha|]
            [good night|gabi na] [po|]
            [usap|chat] tayo [ulit|bukas]
        """,
        "ceb": """
            sige [ha|lang] [bye|amping]
            [amping|ayo-ayo] [ka|pud]
            [tulog na ko|mauna na ko] [bye|]
            [salamat|salamat kaayo] [ha|]
            [gabii na|good night] [po|]
            [chat|storya] [ta|nato] [ugma|puhon]
        """,
        "mixed": """
            [ok|sige] bye na [ingat|]
            [gn|good night] [po|na]
            [thanks|salamat] [ha|] [bye|]
            [ingat|amping] [always|]
            [chat ulit|usap tayo] [tomorrow|bukas]
            [later|mamaya] nalang [ha|]
        """,
    },
    "schedule": {
        "en": """
            [online|free] [at|around] {time} [?|ok]
            [when|what time] [r u|are you] [free|online] [?|]
            [later|tonight] [at|] {time} [ok|?]
            [same time|same as before] [{day}|tomorrow] [?|]
            [can we|lets] do it [on|] {day} [?|]
            [i'll|I'll|ill] be [online|on] [at|] {time} [ur time|my time]
        """,
        "tl": """
            [online|free] ako [mamaya|bukas] [ng|] {time}
            [anong oras|kailan] ka [free|online] [?|]
            [mamaya|bukas] [ng|] {time} [ok|?]
            [same|parehong] oras [{day}|bukas] [?|]
            [pwede|game] [ba|] [sa|] {day} [?|]
            [online|gising] ako [ng|] {time} [po|]
        """,
        "ceb": """
            [online|libre] ko [unya|ugma] {time}
            [unsa oras|kanus-a] ka [libre|online] [?|]
            [unya|ugma] {time} [ok|?]
            [pareha|same] nga oras [{day}|ugma] [?|]
            [pwede|game] [ba|] [sa|] {day} [?|]
            [online|mata] ko [sa|] {time} [po|]
        """,
        "mixed": """
            [online|free] ako [later|mamaya] {time}
            [what time|anong oras] ka [free|online] [?|]
            [later|mamaya] {time} [ok|?]
            [same time|same oras] [{day}|tomorrow] [?|]
            [pwede|can] [ba|] [sa|on] {day} [?|]
            [online|free] [ko|ako] {time} [ur time|]
        """,
    },
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
    # ---- hard negative: overseas worker's family ---------------------------------------
    "rem_sent": {
        "en": """
            [sent|i sent] {amount} {cur} [via|thru] {channel} [for tuition|for school]
            [padala|remittance] [is|] [on the way|sent] [thru|via] {channel}
            [money|allowance] for {kid} [sent via|thru] {channel}
            [i|I] [paid|sent] the [school fees|tuition] [via|thru] {channel}
            [pls|] [claim|get] the {channel} [padala|remittance] [later|tomorrow]
            [sending|will send] [allowance|money] [on|this] {day} [via|thru] {channel}
        """,
        "tl": """
            [naipadala|padala] ko na [sa|thru] {channel} [yung|ang] {amount} {cur}
            [pang-tuition|pang-eskwela] ni {kid} [naipadala|sent] na [sa|thru] {channel}
            [kunin|i-claim] mo [na|] sa {channel} [bukas|mamaya]
            [allowance|pera] [nyo|ninyo] [sent na|padala na] [sa|] {channel}
            [bayad|bayaran] mo [na|] [tuition|school fees] ni {kid} [ha|]
            [magpapadala|padala] ako [ulit|] [sa|] {day} [sa|via] {channel}
        """,
        "ceb": """
            [napadala|gipadala] na nako [sa|thru] {channel} ang {amount} {cur}
            [pang-tuition|pang-eskwela] ni {kid} [napadala|sent] na [sa|] {channel}
            [kuhaa|i-claim] [na|] sa {channel} [ugma|unya]
            [allowance|kwarta] [ninyo|nimo] [sent na|padala na] [sa|] {channel}
            [bayri|bayaran] [na|] [tuition|school fees] ni {kid} [ha|]
            [mopadala|padala] ko [usab|] [sa|] {day} [sa|via] {channel}
        """,
        "mixed": """
            [sent|padala] na [thru|sa] {channel} [ang|the] {amount} {cur}
            [tuition|school fees] ni {kid} [sent na|padala na] [via|sa] {channel}
            [claim mo|kuhaa] [sa|at] {channel} [tomorrow|bukas|ugma]
            [allowance|pera] [for|ni] {kid} [sent na|] [via|sa] {channel}
            [pay mo|bayri] [na|] [tuition|school fees] [ha|]
            [padala ko|i send] [ulit|again] [on|sa] {day} [via|sa] {channel}
        """,
    },
    "rem_ref": {
        "en": """
            [ref|control] [no|number] {ref}
            [the|] [code|control number] [is|:] {ref}
            [use|here is the] ref {ref} [to claim|]
            [MTCN|ref] {ref} [sender {name}|]
            [tracking|ref] [no|#] {ref} [pls claim|]
            [the|] [reference|ref] [is|] {ref} [ok|]
        """,
        "tl": """
            [ref|control] [no|number] [ay|] {ref}
            [ito|eto] [yung|ang] [code|ref] {ref}
            [gamitin|ilagay] mo [ang|yung] ref {ref}
            [MTCN|ref] {ref} [sender|pangalan] {name}
            [ref|control no] {ref} [po|] [i-claim mo na|]
            [ang|yung] ref [ay|] {ref} [ha|]
        """,
        "ceb": """
            [ref|control] [no|number] {ref}
            [mao ni|kani] [ang|] [code|ref] {ref}
            [gamita|ibutang] ang ref {ref}
            [MTCN|ref] {ref} [sender|ngalan] {name}
            [ref|control no] {ref} [i-claim na|]
            ang ref {ref} [ha|]
        """,
        "mixed": """
            ref no {ref} [po|]
            [eto|heres] [ang|the] code {ref}
            [use|gamitin] ref {ref} [pag claim|to claim]
            [MTCN|ref] {ref} [sender|] {name}
            control no {ref} [i-claim mo na|pls]
            [the|ang] ref [is|] {ref} [ha|]
        """,
    },
    "rem_claim": {
        "en": """
            [claimed|got] [it|the money] [already|] [thanks|ty]
            [ok|] [will claim|claiming] [tomorrow|later] at {channel}
            [received|got] {amount} {cur} [thanks|thank u] [ma|pa|]
            [paid|settled] [the|] [tuition|school fees] [already|]
            [the|] {channel} [was closed|line was long] [will go back|] [tomorrow|]
            [thank u|thanks] [so much|] [ma|pa|] [we got it|]
        """,
        "tl": """
            [nakuha|na-claim] ko na [po|] [salamat|]
            [bukas|mamaya] ko [kukunin|i-claim] sa {channel}
            [natanggap|dumating] na [po|] [ang|yung] {amount} {cur}
            [bayad|nabayaran] na [po|] [ang|yung] [tuition|school fees]
            [sarado|mahaba pila] [sa|] {channel} [kanina|]
            [salamat|maraming salamat] [po|] [ma|pa|]
        """,
        "ceb": """
            [nakuha|na-claim] na nako [po|] [salamat|]
            [ugma|unya] nako [kuhaon|i-claim] sa {channel}
            [nadawat|niabot] na [po|] ang {amount} {cur}
            [bayad|nabayran] na [po|] ang [tuition|school fees]
            [sirado|taas kaayo ang pila] sa {channel} [ganina|]
            [salamat|daghang salamat] [po|] [ma|pa|]
        """,
        "mixed": """
            [claimed|nakuha] na [po|] [thanks|salamat]
            [later|bukas] ko [claim|kuhaon] sa {channel}
            [received|nadawat] na [ang|the] {amount} {cur} [po|]
            [paid|bayad] na [ang|the] tuition [po|]
            [closed|sarado] [ang|yung] {channel} [kanina|earlier]
            [thank u|salamat] [so much|kaayo] [ma|pa|]
        """,
    },
    "kid_info": {
        "en": """
            {kid} is {kid_age} [now|already] [time flies|]
            {kid} [is|starts] grade {grade} [this year|next month]
            [happy bday|happy birthday] {kid} [{kid_age} na|{kid_age} already]
            {kid} [got|has] [honors|a medal] in grade {grade}
            [how is|hows] {kid} [doing|in school] [?|]
            {kid} [wants|asked for] [new shoes|a bag|a tablet] for school
        """,
        "tl": """
            {kid_age} na si {kid} [grabe|ang bilis]
            grade {grade} na si {kid} [ngayong taon|sa pasukan]
            [happy birthday|hbd] {kid} [{kid_age} ka na|]
            [may honor|may medal] si {kid} [sa grade {grade}|]
            [kumusta|musta] si {kid} sa [school|eskwela] [?|]
            [gusto|humihingi] ni {kid} [ng|] [bagong sapatos|bag|tablet] [para sa school|]
        """,
        "ceb": """
            {kid_age} na si {kid} [grabe|kapaspas]
            grade {grade} na si {kid} [karong tuiga|sa pasukan]
            [happy birthday|hbd] {kid} [{kid_age} na ka|]
            [naa|adunay] [honor|medal] si {kid} [sa grade {grade}|]
            [kumusta|musta] si {kid} sa [school|eskwelahan] [?|]
            [gusto|nangayo] si {kid} [ug|] [bag-ong sapatos|bag|tablet] [para school|]
        """,
        "mixed": """
            {kid} is {kid_age} na [grabe|time flies]
            grade {grade} na si {kid} [this year|karon]
            [hbd|happy bday] {kid} [{kid_age} ka na|]
            [may medal|naa honor] si {kid} [sa school|]
            [musta|how is] si {kid} sa school [?|]
            [gusto|want] ni {kid} [new shoes|bag|tablet] [for school|]
        """,
    },
    "vc_plan": {
        "en": """
            [video call|vc] [later|tonight] at {time} [?|ok]
            [lets|can we] [video call|vc] [on|this] {day} [?|]
            [call|vc] me [when|after] {kid} [gets home|is done with school]
            [i miss u|miss u all] [video call|vc] [later|tonight]
            [turn on|open] [ur|the] [cam|camera] [later|] for [the|our] vc
            [messenger|video] call [at|around] {time} [ur time|]
        """,
        "tl": """
            [video call|vc] tayo [mamaya|mamayang gabi] [{time}|]
            [tawag|call] ako [sa messenger|sa video] [mamaya|bukas]
            [vc|video call] [tayo|] pag [uwi|nakauwi] na si {kid}
            [miss na|miss ko na] kayo [vc|video call] tayo
            [buksan|open] mo [yung|ang] cam [mamaya|] [ha|]
            [sa|] {day} [na lang|nalang] tayo [mag vc|mag video call]
        """,
        "ceb": """
            [video call|vc] ta [unya|karong gabii] [{time}|]
            [tawag|call] ko [sa messenger|sa video] [unya|ugma]
            [vc|video call] ta inig [uli|abot] ni {kid}
            [mingaw na|miss na] ko ninyo [vc|video call] ta
            [ablihi|open] ang cam [unya|] [ha|]
            [sa|] {day} [na lang|nalang] ta [mag vc|mag video call]
        """,
        "mixed": """
            [vc|video call] [tayo|ta] [later|mamaya] {time}
            [call|tawag] ako [on messenger|sa messenger] [later|mamaya]
            [vc|video call] pag [uwi|abot] ni {kid}
            [miss u|miss na] kayo [vc|video call] [later|ta]
            [open|ablihi] [cam|ang cam] [later|unya] [ha|]
            [on|sa] {day} [nalang|na lang] [mag vc|vc]
        """,
    },
    "school": {
        "en": """
            [enrollment|registration] is [next week|on {day}] [need {amount} {cur}|]
            [school project|project] [due|on] {day} [need to buy materials|]
            [pta|school] meeting [on|this] {day}
            [uniform|books] [cost|is] {amount} {cur}
            {kid} [has exams|has a quiz] [on|this] {day}
            [the|] [teacher|adviser] [called|messaged] [about|re] {kid}'s grades
        """,
        "tl": """
            [enrollment|enrolment] [na|] [sa susunod na linggo|sa {day}]
            [may project|project] si {kid} [sa|] {day}
            [pta|meeting] sa school [sa|] {day}
            [uniform|libro] [ay|] {amount} {cur} [lahat|]
            [may exam|may quiz] si {kid} [sa|] {day}
            [tumawag|nag text] [ang|yung] teacher [ni|about kay] {kid}
        """,
        "ceb": """
            [enrollment|enrolment] [na|] [sunod semana|sa {day}]
            [naay project|project] si {kid} [sa|] {day}
            [pta|meeting] sa school [sa|] {day}
            [uniform|libro] {amount} {cur} [tanan|]
            [naay exam|naay quiz] si {kid} [sa|] {day}
            [nitawag|nag text] ang teacher [ni|bahin ni] {kid}
        """,
        "mixed": """
            enrollment [na|] [next week|sa {day}]
            [may project|naay project] si {kid} [on|sa] {day}
            [pta meeting|school meeting] [on|sa] {day}
            [uniform|books] {amount} {cur} [total|lahat]
            [may exam|exam] si {kid} [on|sa] {day}
            [teacher|adviser] [texted|nag text] [about|bahin] {kid}
        """,
    },
    "surprise_secret": {
        "en": """
            [dont|don't] tell {kid} [yet|] [its a surprise|surprise gift]
            [keep it|keep this] secret from {kid} [ok|] [birthday gift|]
            [shh|psst] [surprise|its a surprise] for {kid}'s [bday|birthday]
            [delete|hide] [the|my] msg so {kid} wont see [the gift|]
            [no one|nobody] [tell|tells] {kid} [im coming home|about the visit]
            [secret|surprise] [visit|balikbayan box] [for|to] {kid} [ha|ok|]
        """,
        "tl": """
            [wag|huwag] mo [munang|] sabihin kay {kid} [surprise|sorpresa] [yun|]
            [sekreto|secret] lang [muna|] kay {kid} [ha|]
            [surprise|sorpresa] [ko|] [sa bday|sa birthday] ni {kid}
            [burahin|delete] mo [yung|] msg para [di|hindi] makita ni {kid}
            [walang|wag] [magsasabi|sabihin] kay {kid} na uuwi ako
            [sorpresang|surprise] [balikbayan box|uwi] [para|] kay {kid}
        """,
        "ceb": """
            [ayaw|ayaw una] [sultihi|ingna] si {kid} [surprise|sorpresa] [to|]
            [sekreto|secret] [ra|sa] kang {kid} [ha|]
            [surprise|sorpresa] nako [sa bday|sa birthday] ni {kid}
            [panasa|delete] ang msg aron [dili|di] makita ni {kid}
            ayaw [ingna|sultihi] si {kid} nga mouli ko
            [surprise|sorpresa] nga [balikbayan box|uli] para ni {kid}
        """,
        "mixed": """
            [wag|ayaw] [sabihin|ingna] kay {kid} [surprise|ha]
            [secret|sekreto] lang [kay|sa] {kid} [ha|ok]
            [surprise|sorpresa] [for|sa] bday ni {kid}
            [delete|burahin] msg para [di makita|dili makita] ni {kid}
            [wag|ayaw] [sabihin|ingna] kay {kid} [na uuwi|nga mouli] ako
            [surprise|sorpresa] [balikbayan box|visit] [for|para] {kid}
        """,
    },
    # ---- hard negative: clinic ---------------------------------------------------------
    "med_book": {
        "en": """
            [hi doc|good day doc|hello dr] [can i|may i] [book|schedule] a checkup for {kid}
            my [son|daughter] is {kid_age} [yrs old|years old] [has fever|has cough]
            [is the clinic|is doc] open [on|this] {day} [?|]
            [can|pls can] {kid} [get|have] [vaccine|booster] [on|this] {day} [?|]
            [pedia|doctor] [appointment|consult] for {kid} [{kid_age} y/o|age {kid_age}]
            [my|our] [child|kid] [{kid_age}|age {kid_age}] needs a [school medical|med cert]
        """,
        "tl": """
            [doc|dok] pwede [po ba|] [magpa-schedule|mag book] ng checkup si {kid}
            {kid_age} [taon|years old] [po|] si {kid} [may lagnat|inuubo]
            [bukas|open] po ba [ang clinic|kayo] [sa|] {day} [?|]
            pwede [po|] [magpabakuna|ma-vaccine] si {kid} [sa|] {day} [?|]
            [consult|check up] po [para|] kay {kid} {kid_age} [yrs old|taon]
            [kailangan|need] po ni {kid} [ng|] [medical cert|medical sa school]
        """,
        "ceb": """
            [doc|dok] pwede [magpa-schedule|mag book] ug checkup si {kid}
            {kid_age} [anyos|ka tuig] si {kid} [naay hilanat|giubo]
            [abli|open] ba [ang clinic|mo] [sa|] {day} [?|]
            pwede [magpabakuna|ma-vaccine] si {kid} [sa|] {day} [?|]
            [consult|check up] [para|] ni {kid} {kid_age} [anyos|yrs old]
            [kinahanglan|need] ni {kid} ug [medical cert|medical sa school]
        """,
        "mixed": """
            [doc|dok] pwede [book|mag schedule] checkup for {kid}
            {kid_age} [yrs old|na] si {kid} [may fever|naay ubo]
            [open|bukas] ba [clinic|kayo] [on|sa] {day} [?|]
            pwede [vaccine|bakuna] si {kid} [on|sa] {day} [?|]
            [consult|check up] for {kid} [{kid_age} y/o|{kid_age} na]
            [need|kailangan] ni {kid} [medical cert|medical] for school
        """,
    },
    "med_reply": {
        "en": """
            [yes|sure] [doc is|we are] available [on|this] {day} at {time}
            [pls|kindly] bring [the|] [vaccine card|baby book|school form]
            [the|] [lab|blood test] [results|result] [are|is] [ready|out] [on|by] {day}
            [pls|kindly] [arrive|come] [15 mins|early] before [ur|the] [slot|schedule]
            [clinic|we] [is|are] closed [on|this] {day} [sorry|]
            [slot|schedule] [confirmed|booked] for {kid} [on|this] {day}
        """,
        "tl": """
            [opo|yes po] available si doc [sa|] {day} [ng|] {time}
            [pakidala|dalhin] po [yung|ang] [vaccine card|baby book|school form]
            [resulta|result] ng [lab|blood test] [ay|] [ready na|labas na] [sa|] {day}
            [pumunta|dumating] po [nang|ng] [maaga|15 mins before]
            [sarado|closed] po [ang clinic|kami] [sa|] {day}
            [confirmed|booked] na po si {kid} [sa|] {day}
        """,
        "ceb": """
            [oo|yes po] naa si doc [sa|] {day} [alas|] {time}
            [palihug dala|dad-a] ang [vaccine card|baby book|school form]
            ang [resulta|result] sa [lab|blood test] [ready na|gawas na] [sa|] {day}
            [palihug|pls] [abot|anhi] [og sayo|15 mins before]
            [sirado|closed] [ang clinic|mi] [sa|] {day}
            [confirmed|booked] na si {kid} [sa|] {day}
        """,
        "mixed": """
            [yes po|opo] available si doc [on|sa] {day} {time}
            [pls bring|dalhin] [ang|the] [vaccine card|school form]
            [lab|blood test] result [ready na|out na] [on|sa] {day}
            [come|punta] [early|maaga] [po|] [15 mins before|]
            [closed|sarado] [ang clinic|kami] [on|sa] {day}
            [booked|confirmed] na si {kid} [on|sa] {day}
        """,
    },
    "med_fee": {
        "en": """
            [consultation|consult] fee is {amount} {cur} [pls pay via|payable thru] {channel}
            [teleconsult|online consult] via [video call|{app}] [at|on] {day} {time}
            [pls|kindly] pay [the fee|{amount} {cur}] [first|before the call] [via {channel}|]
            [sent|paid] the [consult|doctor's] fee [via|thru] {channel} [ref {ref}|]
            [official|e-] receipt [will be|is] [sent|emailed] [after payment|today]
            [philhealth|hmo] [covers|can cover] [the|] [lab|consult] [?|]
        """,
        "tl": """
            [consultation fee|bayad sa consult] po ay {amount} {cur} [sa|via] {channel}
            [teleconsult|online consult] [po|] [via|sa] [video call|{app}] [sa|] {day}
            [bayad|magbayad] [muna|po muna] [sa|via] {channel} bago [ang|yung] call
            [nabayaran|bayad] ko na [ang|yung] fee [sa|via] {channel}
            [resibo|receipt] [ay|] [ise-send|ipapadala] [pagkatapos|after] [ng bayad|]
            [sagot|covered] ba ng [philhealth|hmo] [ang|yung] [lab|consult] [?|]
        """,
        "ceb": """
            [consultation fee|bayad sa consult] {amount} {cur} [sa|via] {channel}
            [teleconsult|online consult] [via|sa] [video call|{app}] [sa|] {day}
            [bayad|bayri] [una|sa una] [sa|via] {channel} ayha ang call
            [nabayran|bayad] na nako ang fee [sa|via] {channel}
            [resibo|receipt] [ipadala|i-send] [human|after] [sa bayad|]
            [sagot|covered] ba sa [philhealth|hmo] ang [lab|consult] [?|]
        """,
        "mixed": """
            [consult fee|fee] {amount} {cur} [via|thru] {channel}
            [teleconsult|online consult] [via|sa] [video call|{app}] [on|sa] {day}
            [pay first|bayad muna] [via|sa] {channel} [before call|bago ang call]
            [paid|bayad] na [ang|the] fee [via|sa] {channel}
            [receipt|resibo] [i-send|will send] [after payment|pagkatapos]
            [covered|sagot] ba [ng|sa] [philhealth|hmo] [ang|the] lab [?|]
        """,
    },
    "med_exam": {
        "en": """
            [needs|will need] a [physical exam|blood test|urinalysis|x-ray] [first|too]
            [the|] [exam|checkup] [takes|is] [30 mins|about an hour]
            [doc|dr] [says|said] {kid} [is fine|needs rest|needs vitamins]
            [growth|height and weight] check at {kid_age} [is routine|is standard]
            [annual|yearly] [checkup|physical] for school [required|needed]
            [ear|eye|dental] [exam|check] [included|also] [?|]
        """,
        "tl": """
            [kailangan|need] [ng|] [physical exam|blood test|x-ray] [muna|din]
            [mga|about] [30 mins|isang oras] [ang|yung] [exam|checkup]
            [sabi|ayon] ni doc [ok lang|kailangan magpahinga] si {kid}
            [routine|normal] [lang|] [ang|yung] check [sa|for] {kid_age} [taon|years old]
            [taunang|annual] checkup [para sa|for] school [kailangan|required]
            [kasama|included] [ba|] [ang|yung] [dental|eye check] [?|]
        """,
        "ceb": """
            [kinahanglan|need] ug [physical exam|blood test|x-ray] [una|sad]
            [mga|about] [30 mins|usa ka oras] ang [exam|checkup]
            [ingon|sabi] si doc [ok ra|kinahanglan mopahuway] si {kid}
            [routine|normal] [ra|lang] ang check sa {kid_age} [anyos|years old]
            [tinuig|annual] nga checkup para school [kinahanglan|required]
            [apil|included] [ba|] ang [dental|eye check] [?|]
        """,
        "mixed": """
            [need|kailangan] [muna|una] [physical exam|blood test|x-ray]
            [exam|checkup] [takes|mga] [30 mins|1 hour]
            [sabi|ingon] ni doc [ok lang|ok ra] si {kid}
            [routine|normal] check [lang|ra] for {kid_age} [y/o|yrs old]
            [annual|yearly] checkup [for school|sa school] [required|]
            [included|kasama] ba [dental|eye check] [?|]
        """,
    },
    # ---- hard negative: children's games -----------------------------------------------
    "game_buy": {
        "en": """
            [buy|selling] {n}00 diamonds [for|@] {amount} {cur} [via gcash|gcash]
            [can u|pls] [load|pasaload] me {amount} [via gcash|thru gcash] [?|]
            [i|I'll] pay [via|thru] gcash for the [skin|pass|diamonds]
            [how much|price] [for|of] [the|] [weekly pass|starlight|skin] [?|]
            [sent|paid] {amount} {cur} gcash [for|pls send] [diamonds|the pass]
            [legit|trusted] [seller|reseller] [ba|] [?|] [{n}00 dias|]
        """,
        "tl": """
            [bili|bibili] ako [ng|] {n}00 diamonds [sa|via] gcash
            [paload|pa-load] naman [{amount}|ng {amount}] [sa|via] gcash [pls|]
            [bayad|bayaran] kita [sa|via] gcash [para sa|sa] [skin|pass]
            magkano [yung|ang] [weekly pass|starlight|skin] [?|]
            [sent|naipadala] na {amount} sa gcash [para sa|pang] diamonds
            [legit|totoo] ba [seller|reseller] ka [?|]
        """,
        "ceb": """
            [palit|mopalit] ko ug {n}00 diamonds [sa|via] gcash
            [paload|pa-load] [ko|sad ko] {amount} [sa|via] gcash [pls|]
            [bayran|bayaran] tika [sa|via] gcash [para sa|sa] [skin|pass]
            pila ang [weekly pass|starlight|skin] [?|]
            [napadala|sent] na {amount} sa gcash [para|pang] diamonds
            [legit|tinuod] ba ka nga [seller|reseller] [?|]
        """,
        "mixed": """
            [buy|bili] [ako|ko] {n}00 diamonds [via|sa] gcash
            [pa-load|load] [naman|pls] {amount} [via|sa] gcash
            [pay ko|bayad ko] [via|sa] gcash for [skin|pass]
            [how much|magkano] [ang|the] [weekly pass|skin] [?|]
            sent na {amount} gcash [for|pang] diamonds
            [legit|totoo] [seller|reseller] ka [ba|] [?|]
        """,
    },
    "game_age": {
        "en": """
            [im|i'm] {kid_age} [lol|haha|] [grade {grade}|]
            [how old|age] [r u|are you] [?|] [im {kid_age}|]
            [im|i'm] in grade {grade} [still|] [lol|]
            [my|] [mom|mama] [says|said] [only|just] [1 hour|weekends] [im {kid_age}|]
            [u|you] [{kid_age} too|same age] [?|] [lol|]
            {kid_age} [yrs old|here] [u?|wbu]
        """,
        "tl": """
            {kid_age} [pa lang|lang] ako [haha|]
            [ilang taon|ilan taon] ka na [?|] [{kid_age} ako|]
            grade {grade} [pa lang|] ako [hehe|]
            [sabi ni mama|bawal sabi ni mama] [isang oras lang|weekend lang]
            [kaedad|same age] [kita|tayo] [?|] [{kid_age}|]
            {kid_age} na ako [ikaw|ikaw ba] [?|]
        """,
        "ceb": """
            {kid_age} pa [lang|ra] ko [haha|]
            pila [na|] [ka|imong edad] [?|] [{kid_age} ko|]
            grade {grade} pa ko [hehe|]
            [ingon si mama|bawal ingon si mama] [usa ka oras ra|weekend ra]
            [pareha ta|same age] [ug edad|ta] [?|] [{kid_age}|]
            {kid_age} na ko [ikaw|ikaw diay] [?|]
        """,
        "mixed": """
            [im|ako] {kid_age} [lang|pa] [haha|]
            [how old|ilang taon] ka [na|] [?|]
            grade {grade} [palang|pa] ako [lol|]
            [sabi ni mama|mama said] [1 hour lang|weekends lang]
            [same age|kaedad] [tayo|ta] [?|] [{kid_age}|]
            {kid_age} [na|] ako [u?|ikaw?]
        """,
    },
    "game_play": {
        "en": """
            [add me|friend me] [on|in] {game} [my id|id] {ref}
            [push rank|rank game|duo] [later|now] [?|]
            [show me|show] ur [new skin|rank|inventory] [lol|pls]
            [we|] [won|lost] [that match|the game] [gg|lol]
            [can u|pls] [carry me|help me rank up] [later|]
            [my|] [wifi|data] [lag|lagging] [sorry|brb]
        """,
        "tl": """
            [add mo|add] ako sa {game} [id|id ko] {ref}
            [rank|laro] [tayo|na tayo] [mamaya|ngayon] [?|]
            [pakita mo|show mo] [yung|ang] [bagong skin|rank mo]
            [panalo|talo] [tayo|] [kanina|] [gg|haha]
            [carry mo|buhatin mo] ako [mamaya|] [pls|]
            [lag|nag lag] [yung|ang] [wifi|data] ko [sorry|]
        """,
        "ceb": """
            [add|i-add] ko sa {game} [id|akong id] {ref}
            [rank|dula] [ta|na ta] [unya|karon] [?|]
            [pakita|ipakita] [imong|ang] [bag-ong skin|rank nimo]
            [daog|pildi] [ta|mi] [ganina|] [gg|haha]
            [carry|dad-a] ko [unya|] [pls|]
            [lag|nag lag] akong [wifi|data] [sorry|]
        """,
        "mixed": """
            add me [sa|on] {game} [id|] {ref}
            [push rank|rank] [tayo|ta] [later|mamaya] [?|]
            [show mo|pakita] [new skin|rank mo] [pls|]
            [gg|panalo] [tayo|ta] [kanina|earlier]
            [carry mo|carry] ako [later|unya] [pls|]
            [lag|laggy] [wifi ko|data ko] [sorry|]
        """,
    },
    # ---- hard negative: two adults -----------------------------------------------------
    "date_flirt": {
        "en": """
            [u|you] look [nice|cute|lovely] in ur [profile pic|new photo] [:)|]
            [i|I] [miss|missed] [u|you] [today|already] [:)|]
            [thinking|was thinking] [of|about] [u|you] [all day|today]
            [ur|your] smile [is cute|made my day] [:)|]
            [cant wait|excited] to [meet u|see u] [in person|soon]
            [good night|sweet dreams] [dear|babe|] [:)|]
        """,
        "tl": """
            [ang ganda|ang cute] mo [sa|] [profile pic|bagong pic] [mo|]
            [miss|namiss] na kita [agad|] [:)|]
            [iniisip|naiisip] kita [buong araw|kanina]
            [ang ganda|cute] ng [ngiti|smile] mo
            [excited na|di na makapaghintay] [ako|] [makita ka|magkita tayo]
            [good night|tulog na] [mahal|babe|] [:)|]
        """,
        "ceb": """
            [gwapa|cute] kaayo ka sa [profile pic|bag-ong pic]
            [mingaw|gimingaw] na ko [nimo|nimo dayon]
            [naghunahuna|ga-huna-huna] ko [nimo|nimo tibuok adlaw]
            [nindot|cute] imong [pahiyom|smile]
            [excited na|dili na ko makahulat] [makita ka|magkita ta]
            [good night|katulog na] [babe|] [:)|]
        """,
        "mixed": """
            [cute|ganda] mo [in ur|sa] [profile pic|new pic]
            [miss na kita|miss u na] [agad|] [:)|]
            [thinking of u|iniisip kita] [all day|buong araw]
            [ur smile|ngiti mo] [is cute|nindot] [:)|]
            [excited na|cant wait] [ako|] [to meet u|magkita tayo]
            [good night|gn] [babe|dear|] [sleep well|]
        """,
    },
    "date_age": {
        "en": """
            [im|i'm] {adult_age} [btw|lol|] [u?|and u?]
            [how old|age] [r u|are you] [?|] [im {adult_age}|]
            {adult_age} [here|yrs old] [hope thats ok|]
            [we are|were] [both|] [adults|grown ups] [lol|] [{adult_age} here|]
            [just turned|turning] {adult_age} [last month|next week]
            [age is|its just] a number [{adult_age} here|lol]
        """,
        "tl": """
            {adult_age} na ako [ikaw|ikaw ba] [?|]
            [ilang taon|ilan taon] ka na [?|] [{adult_age} ako|]
            {adult_age} [years old|taon] [na|] ako [haha|]
            [matanda|mas matanda] ako [sayo|] [{adult_age} na|]
            [kaka-{adult_age}|mag {adult_age}] ko [lang|na]
            [edad|age] ko {adult_age} [ok lang ba|] [?|]
        """,
        "ceb": """
            {adult_age} na ko [ikaw|ikaw diay] [?|]
            pila [na|] imong edad [?|] [{adult_age} ko|]
            {adult_age} [anyos|ka tuig] na ko [haha|]
            [tigulang|mas tigulang] ko nimo [{adult_age} na|]
            [bag-o lang|mo] {adult_age} ko [lang|na]
            edad nako {adult_age} [ok ra|] [?|]
        """,
        "mixed": """
            {adult_age} na ako [u?|ikaw?]
            [how old|ilang taon] ka [na|] [?|] [{adult_age} ako|]
            {adult_age} [yrs old|years old] na [ako|ko] [haha|]
            [older|mas matanda] ako [sayo|] [{adult_age} na|]
            [just turned|kaka] {adult_age} [lang|]
            age ko {adult_age} [ok lang|ok ra] [?|]
        """,
    },
    "date_vc": {
        "en": """
            [video call|vc] [later|tonight] [?|] [{time} my time|]
            [can we|lets] [video call|vc] [on|this] {day} [?|]
            [turn on|open] ur cam [so i can see u|pls] [:)|]
            [i|I'll] call u on {app} [later|at {time}]
            [my|] [cam|camera] is [broken|bad] [lol|] [voice call|] [ok|?]
            [nice|lovely] [talking|chatting] on [cam|video] [today|] [:)|]
        """,
        "tl": """
            [vc|video call] tayo [mamaya|mamayang gabi] [?|]
            [tawagan|call] kita sa {app} [mamaya|]
            [buksan|open] mo [cam|camera] [mo|] [please|]
            [sira|pangit] [cam|camera] ko [haha|] [voice call|]
            [saya|ang saya] [ng|] [vc|video call] [natin|kanina]
            [vc|video call] [ulit|] [sa|] {day} [?|]
        """,
        "ceb": """
            [vc|video call] ta [unya|karong gabii] [?|]
            [tawagan|call] tika sa {app} [unya|]
            [ablihi|open] imong [cam|camera] [palihug|please]
            [guba|pangit] akong [cam|camera] [haha|] [voice call|]
            [lingaw|nalingaw] ko [sa|] [vc|video call] [nato|ganina]
            [vc|video call] [usab|] [sa|] {day} [?|]
        """,
        "mixed": """
            [vc|video call] [tayo|ta] [later|mamaya] [?|]
            [call kita|tawagan tika] on {app} [later|]
            [open|buksan] [ur cam|cam mo] [pls|] [:)|]
            [sira|broken] [cam ko|my cam] [haha|] [voice call|]
            [saya|lingaw] [vc natin|sa vc] [kanina|earlier]
            [vc|video call] [ulit|again] [on|sa] {day} [?|]
        """,
    },
    "date_plan": {
        "en": """
            [i|I'll] [visit|fly to] [manila|cebu|davao] [next month|on {day}]
            [lets|we can] [have dinner|get coffee] when [i|I] [arrive|land]
            [my|] [flight|ticket] is [booked|confirmed] [for|on] {day}
            [should we|lets] meet [at|in] [the mall|a cafe] [first|]
            [my|] [sister|friend] will [come too|join us] [ok|] [lol|]
            [dinner|lunch] [my treat|on me] [when we meet|]
        """,
        "tl": """
            [pupunta|bibisita] ako [sa|] [manila|cebu] [next month|sa {day}]
            [kain|kape] tayo [pag dating|pagdating] mo
            [booked|naka-book] na [flight|ticket] ko [sa|] {day}
            [magkita|kita] tayo [sa|] [mall|cafe] [muna|]
            [sasama|kasama] [si|] [ate|friend] ko [ok lang|]
            [libre|treat] ko [dinner|lunch] [pag nagkita tayo|]
        """,
        "ceb": """
            [moadto|mobisita] ko [sa|] [manila|cebu] [next month|sa {day}]
            [kaon|kape] ta [pag abot|inig abot] nimo
            [booked|naka-book] na akong [flight|ticket] [sa|] {day}
            [magkita|kita] ta [sa|] [mall|cafe] [una|]
            [mouban|kauban] akong [igsoon|amiga] [ok ra|]
            [libre|treat] nako [panihapon|paniudto] [inig kita nato|]
        """,
        "mixed": """
            [visit|punta] ako [sa|] [manila|cebu] [next month|on {day}]
            [dinner|kape] [tayo|ta] pag [arrive|abot] mo
            [booked|book] na [flight|ticket] ko [on|sa] {day}
            [meet|kita] [tayo|ta] [sa|at] [mall|cafe] [first|muna]
            [sasama|mouban] [friend ko|ate ko] [ok lang|]
            [treat ko|libre ko] [dinner|lunch] [pag meet|]
        """,
    },
    # ---- hard negative: talking about the crime ----------------------------------------
    "news_report": {
        "en": """
            [news|breaking]: {n} arrested in {place} [for|over] [OSAEC|online exploitation]
            [police|NBI|cyber police] [raided|searched] a house in {place} [today|last night]
            [saw|read] [a|the] [report|article] on webcam [child exploitation|abuse cases]
            [the|a] [suspect|foreigner] [was|got] [arrested|charged] over online exploitation
            [they|investigators] [traced|tracked] [payments|remittances] [to|from] [abroad|buyers]
            [another|new] [case|raid] on [webcam|online] exploitation [in {place}|on tv]
        """,
        "tl": """
            [nabalitaan|nakita] mo ba [yung|ang] [raid|balita] sa {place} [?|]
            {n} [arestado|ang naaresto] [dahil sa|sa kasong] online [exploitation|pang-aabuso]
            [na-rescue|nailigtas] [yung|ang] mga bata sa {place} [kahapon|kanina]
            [na-trace|sinundan] ng [pulis|NBI] [yung|ang] mga [padala|bayad] [mula abroad|]
            [kaso|case] [ng|ito] webcam [exploitation|pang-aabuso] [sa|] {place}
            [grabe|nakakagalit] [yung|ang] balita [sa tv|kanina] [tungkol sa|about] OSAEC
        """,
        "ceb": """
            [nakabalita|nakita] ka sa [raid|balita] sa {place} [?|]
            {n} ang [nadakpan|gidakop] [tungod sa|sa kaso sa] online [exploitation|pang-abuso]
            [na-rescue|naluwas] ang mga bata sa {place} [gahapon|ganina]
            [gisubay|na-trace] sa [pulis|NBI] ang mga [padala|bayad] [gikan abroad|]
            [kaso|case] sa webcam [exploitation|pang-abuso] [sa|] {place}
            [grabe|kasuko] ang balita [sa tv|ganina] [bahin sa|about] OSAEC
        """,
        "mixed": """
            [nakita mo|did u see] [ang|the] [raid|news] sa {place} [?|]
            {n} [arrested|nadakpan] [for|sa] online [exploitation|abuse] [case|]
            [rescued|na-rescue] [ang|the] kids sa {place} [kahapon|yesterday]
            [na-trace|traced] [ang|the] [payments|padala] [from abroad|galing abroad]
            webcam exploitation [case|kaso] [sa|in] {place} [grabe|]
            [grabe|sad] [ang|the] news [about|bahin sa] OSAEC [today|kanina]
        """,
    },
    "ngo_work": {
        "en": """
            [training|workshop] for [barangay officials|teachers|parents] on OSAEC {day}
            [we|our team] [visit|meet] the [families|shelter] in {place} [on|] {day}
            [pls|] [report|share] the hotline [1343|] [for|to report] [online abuse|cases]
            [the|] [case|referral] [went to|was sent to] the [prosecutor|social worker]
            [we|] [need|are drafting] [the|a] [report|slides] on [payment|remittance] flags
            [awareness|info] [drive|session] [at|in] [school|the barangay] {day} [ok|?]
        """,
        "tl": """
            [training|seminar] [para sa|ng] [barangay|mga magulang] [tungkol sa|on] OSAEC
            [bibisita|pupunta] kami sa [shelter|mga pamilya] [sa|] {place}
            [i-report|ireport] [sa|] hotline [1343|] [ang|yung] [kaso|nakitang abuso]
            [naipasa|na-refer] na [ang|yung] kaso sa [prosecutor|social worker]
            [gagawa|ginagawa] [kami|namin] [ng|ang] [report|slides] [sa|tungkol sa] remittance
            [awareness|info] [drive|seminar] [sa|] [school|barangay] [sa|] {day}
        """,
        "ceb": """
            [training|seminar] [para sa|sa] [barangay|mga ginikanan] [bahin sa|on] OSAEC
            [mobisita|moadto] mi sa [shelter|mga pamilya] [sa|] {place}
            [i-report|ireport] [sa|] hotline [1343|] ang [kaso|abuso]
            [napasa|na-refer] na ang kaso sa [prosecutor|social worker]
            [maghimo|naghimo] [mi|kami] ug [report|slides] [bahin sa|sa] [remittance|bayad]
            [awareness|info] [drive|seminar] sa [school|barangay] [sa|] {day}
        """,
        "mixed": """
            [training|seminar] [for|sa] [barangay|parents] [on|bahin sa] OSAEC [on|sa] {day}
            [visit|bisita] kami [sa|] [shelter|families] [in|sa] {place}
            [report|i-report] [sa|to] hotline [1343|] [ang case|]
            [referred|na-refer] na [sa|to] [prosecutor|social worker]
            [report|slides] [on|bahin sa] [payment|remittance] [flags|patterns] [pa|]
            [awareness drive|info session] [sa|at] [school|barangay] [on|sa] {day}
        """,
    },
    "ngo_react": {
        "en": """
            [so sad|terrible|awful] [news|] [hope the kids are safe|]
            [good|glad] [they|the police] [caught|arrested] [them|the suspects]
            [we|] [need|must have] [more|better] [awareness|reporting] [in communities|]
            [the|] [kids|survivors] [are|now] [in a shelter|safe now]
            [thanks|thank u] for [sharing|the update]
            [share|spread] [this|the hotline] [pls|with parents]
        """,
        "tl": """
            [nakakalungkot|grabe] [naman|] [sana safe na ang mga bata|]
            [buti|mabuti] [nahuli|naaresto] [na|] [sila|ang suspek]
            [kailangan|dapat] [ng|] [mas|] [maraming|] awareness [sa barangay|]
            [nasa|ligtas na sa] shelter na [ang|yung] mga bata
            [salamat|salamat po] sa [update|pag share]
            [i-share|ikalat] [natin|] [ang|yung] hotline [sa mga magulang|]
        """,
        "ceb": """
            [makaguol|grabe] [kaayo|] [unta safe na ang mga bata|]
            [maayo|salamat] [kay|] [nadakpan|nadakop] na [sila|ang suspek]
            [kinahanglan|dapat] [ug|] [dugang|] awareness [sa barangay|]
            [naa na sa|luwas na sa] shelter ang mga bata
            [salamat|salamat kaayo] sa [update|pag share]
            [i-share|ipakaylap] ang hotline [sa mga ginikanan|]
        """,
        "mixed": """
            [nakakalungkot|sad] [grabe|kaayo] [hope safe na ang kids|]
            [buti|good] [nahuli|arrested] na [sila|the suspects]
            [need|kailangan] [more|dugang] awareness [sa barangay|]
            [safe na|nasa shelter na] [ang|the] kids
            [thanks|salamat] [sa|for the] update
            [share|i-share] [natin|] [ang|the] hotline [sa parents|]
        """,
    },
    # ---- hard negative: freelancing ----------------------------------------------------
    "biz_invoice": {
        "en": """
            [sent|attached] [the|] invoice #{ref} [for|of] {amount} {cur}
            [pls|kindly] [settle|pay] invoice #{ref} [by|before] {day}
            [invoice|bill] for [the|] [logo|website|data entry|video edit] [is|] [sent|ready]
            [ur|your] [payment|invoice] [is|] [due|overdue] [on|since] {day}
            [milestone|phase] [2|two] [done|complete] [invoice to follow|]
            [can u|pls] [resend|send again] [the|] invoice [?|pls]
        """,
        "tl": """
            [naipadala|send] ko na [ang|yung] invoice #{ref} [na|] {amount} {cur}
            [pakibayaran|bayaran] po [ang|yung] invoice #{ref} [bago|sa] {day}
            [tapos|done] na [ang|yung] [logo|website|edit] [invoice|bill] [na lang|nalang]
            [due|deadline] [ng|ang] [bayad|invoice] [sa|ay] {day}
            [pakisend|pa-send] ulit [ng|ang] invoice [po|]
            [milestone|phase] 2 [tapos na|done na] [po|]
        """,
        "ceb": """
            [napadala|send] na nako ang invoice #{ref} {amount} {cur}
            [palihug bayri|bayri] ang invoice #{ref} [sa|una sa] {day}
            [human|done] na ang [logo|website|edit] [invoice|bill] [na lang|nalang]
            [due|deadline] sa [bayad|invoice] [sa|kay] {day}
            [palihug|pls] [send usab|ipadala usab] ang invoice
            [milestone|phase] 2 [human na|done na] [po|]
        """,
        "mixed": """
            [sent|send] [ko na|na] [ang|the] invoice #{ref} {amount} {cur}
            [pls pay|bayaran] invoice #{ref} [before|bago] {day}
            [done na|human na] [ang|the] [logo|website] [invoice|bill] [nalang|na lang]
            [due|deadline] [ng|ang] invoice [on|sa] {day}
            [pa-resend|resend] [ang|the] invoice [pls|po]
            milestone 2 [done na|human na] [po|]
        """,
    },
    "biz_pay": {
        "en": """
            [paid|sent] [via|thru] [paypal|wise|payoneer] [just now|today] [pls confirm|]
            [payment|transfer] of {amount} {cur} [is|] [on the way|processing]
            [can i|pls] [pay|send] [thru|via] [paypal|wise] [instead|] [?|]
            [received|got] [ur|the] payment [thanks|ty] [!|]
            [paypal|wise] [fee|charges] [is|are] on [me|my side] [ok|]
            [whats|send] ur [paypal|payoneer] email [?|pls]
        """,
        "tl": """
            [bayad|nabayaran] na [sa|via] [paypal|wise] [po|]
            [padala|transfer] [ng|] {amount} {cur} [pina-process|nasa proseso] pa
            [pwede|ok lang] ba [sa|via] [paypal|wise] [?|]
            [natanggap|nareceive] ko na [ang|yung] bayad [salamat|]
            [ako na|sagot ko] [sa|ang] [fee|charges] [ng|sa] paypal
            [ano|anong] [paypal|payoneer] email mo [?|]
        """,
        "ceb": """
            [bayad|nabayran] na [sa|via] [paypal|wise] [po|]
            [padala|transfer] sa {amount} {cur} [gi-process|nag process] pa
            [pwede|ok ra] ba [sa|via] [paypal|wise] [?|]
            [nadawat|narcv] na nako ang bayad [salamat|]
            [ako na|ako] [ang|sa] [fee|charges] sa paypal
            unsa imong [paypal|payoneer] email [?|]
        """,
        "mixed": """
            [paid|bayad] na [via|sa] [paypal|wise] [po|]
            [transfer|padala] {amount} {cur} [processing pa|on the way]
            [ok lang|pwede] [ba|] [via|sa] [paypal|wise] [?|]
            [received|nadawat] na [ang|the] payment [thanks|salamat]
            [sagot ko|on me] [ang|the] paypal fee
            [whats|ano] ur [paypal|payoneer] email [?|]
        """,
    },
    "biz_meet": {
        "en": """
            [video call|zoom call] [at|around] {time} [for the|to discuss the] [demo|project] [?|]
            [lets|can we] [meet|hop] on {app} {day} [?|]
            [i'll|I will] [show|share] the [mockup|draft|design] on screen share
            [sending|sent] the {app} link [now|for {day}]
            [can u|pls] [turn on|open] [cam|video] for the client [call|meeting]
            [meeting|call] [moved|resched] to {day} {time} [sorry|]
        """,
        "tl": """
            [video call|zoom] [tayo|] [sa|ng] {time} [para sa|about] [demo|project]
            [meet|usap] tayo [sa|on] {app} [sa|] {day} [?|]
            [ipapakita|i-show] ko [ang|yung] [mockup|design] sa screen share
            [send ko|sinend ko] [ang|yung] {app} link [mamaya|]
            [pa-open|open] ng [cam|video] [para sa|sa] client meeting
            [na-move|nilipat] [ang|yung] meeting sa {day} {time}
        """,
        "ceb": """
            [video call|zoom] ta [sa|alas] {time} [para sa|bahin sa] [demo|project]
            [meet|istorya] ta [sa|on] {app} [sa|] {day} [?|]
            [ipakita|i-show] nako ang [mockup|design] sa screen share
            [i-send|gi-send] nako ang {app} link [unya|]
            [ablihi|open] ang [cam|video] [para sa|sa] client meeting
            [gibalhin|na-move] ang meeting sa {day} {time}
        """,
        "mixed": """
            [vc|zoom] [tayo|ta] [at|sa] {time} [for the|para sa] demo
            [meet|usap] [tayo|ta] on {app} [on|sa] {day} [?|]
            [show ko|ipakita] [ang|the] mockup [on|sa] screen share
            [sent|send] [ko na|na] [ang|the] {app} link
            [open|ablihi] [cam|video] for [client|the] meeting [pls|]
            meeting [moved|nilipat] [to|sa] {day} {time}
        """,
    },
    "biz_work": {
        "en": """
            [deadline|due date] is {day} [for the|for] [logo|site|edits]
            [can u|pls] [revise|update] the [banner|draft|spreadsheet] [by|before] {day}
            [client|they] [liked|approved] the [design|draft] [great job|]
            [ill|I'll] [need|want] [2|3] more [revisions|versions] [sorry|]
            [hours|timesheet] for [this week|{day}] [sent|updated]
            [contract|nda] [signed|sent] [pls check|]
        """,
        "tl": """
            [deadline|due] [ay|] {day} [para sa|sa] [logo|site]
            [pa-revise|paki-update] [ang|yung] [draft|banner] [bago|sa] {day}
            [nagustuhan|approved] ng client [ang|yung] design [galing|]
            [kailangan pa|need pa] ng [2|3] [revisions|version]
            [timesheet|oras] [ko|] [ngayong linggo|for {day}] [sent na|]
            [pirmado|signed] na [ang|yung] [kontrata|nda] [po|]
        """,
        "ceb": """
            [deadline|due] [kay|sa] {day} [para sa|sa] [logo|site]
            [palihug|pls] [revise|update] ang [draft|banner] [una sa|sa] {day}
            [ganahan|approved] ang client sa design [nindot|]
            [kinahanglan pa|need pa] ug [2|3] [revisions|versions]
            [timesheet|oras] [karong semanaha|sa {day}] [sent na|]
            [pirmado|signed] na ang [kontrata|nda] [po|]
        """,
        "mixed": """
            deadline [is|sa] {day} [for|sa] [logo|site]
            [pa-revise|revise] [ang|the] [draft|banner] [before|bago] {day}
            [client|ang client] [liked|ganahan] [the|ang] design
            [need pa|kailangan pa] [2|3] revisions [sorry|]
            [timesheet|hours] [this week|karon] [sent na|]
            [contract|nda] [signed na|pirmado na] [po|]
        """,
    },
    # ---- hard negative: online English lessons -----------------------------------------
    "tut_student": {
        "en": """
            my [son|daughter] is {kid_age} [and|,] [in grade {grade}|needs english]
            {kid} [needs help|wants practice] [with|in] [speaking|reading|grammar]
            [how old|what grade] is [the|ur] [student|child] [?|]
            [student|learner] [is|] {kid_age} [yrs old|years old] [beginner|intermediate]
            {kid} [is shy|gets nervous] [pls be patient|]
            [can u|do you] teach [kids|children] [age {kid_age}|grade {grade}] [?|]
        """,
        "tl": """
            [anak|ang anak] ko ay {kid_age} [taon|years old] [grade {grade}|]
            [kailangan|need] ni {kid} [ng|] tulong sa [reading|english|grammar]
            [ilang taon|anong grade] [na|] [ang|yung] [estudyante|bata] [?|]
            {kid_age} [taon|yrs old] [si {kid}|ang student] [beginner|]
            [mahiyain|nahihiya] si {kid} [pasensya po|]
            [nagtuturo|tumatanggap] [po|] ba kayo ng [grade {grade}|bata] [?|]
        """,
        "ceb": """
            [akong anak|anak nako] {kid_age} [anyos|yrs old] [grade {grade}|]
            [kinahanglan|need] ni {kid} ug tabang sa [reading|english|grammar]
            [pila|unsa] [ang edad|grade] sa [estudyante|bata] [?|]
            {kid_age} [anyos|yrs old] si {kid} [beginner|]
            [maulawon|ulawon] si {kid} [pasensya|]
            [nagtudlo|modawat] ba mo ug [grade {grade}|bata] [?|]
        """,
        "mixed": """
            [anak ko|my son] is {kid_age} [na|] [grade {grade}|]
            [need|kailangan] ni {kid} help [sa|in] [reading|grammar]
            [how old|ilang taon] [ang|the] student [?|]
            {kid_age} [yrs old|na] si {kid} [beginner pa|]
            [shy|mahiyain] si {kid} [pls be patient|pasensya]
            [teach|tudlo] ba kayo [ng|ug] [grade {grade}|kids] [?|]
        """,
    },
    "tut_lesson": {
        "en": """
            [private|one on one] lesson [is|] [25|50] mins [on|via] {app}
            [pls|kindly] [turn on|open] [ur|the] cam for [class|the lesson]
            [today|next] [lesson|class] [is about|covers] [phonics|verbs|reading]
            [homework|worksheet] [sent|attached] [for|before] {day}
            {kid} [did|read] [well|great] [today|in class] [:)|]
            [trial|demo] class [is|] [free|on {day}] [?|]
        """,
        "tl": """
            [private|one on one] [class|lesson] [na|] [25|50] mins [sa|via] {app}
            [pakibuksan|open] [po|] [ang|yung] cam [para sa|sa] class
            [ang|yung] lesson [ngayon|bukas] [ay|] [tungkol sa|about] [phonics|verbs]
            [homework|worksheet] [pinadala|sent] ko na [po|]
            [ang galing|magaling] ni {kid} [kanina|today]
            [trial|demo] class [libre|free] [po|] [sa|] {day}
        """,
        "ceb": """
            [private|one on one] [class|lesson] [25|50] mins [sa|via] {app}
            [palihug|pls] [ablihi|open] ang cam [para sa|sa] class
            ang lesson [karon|ugma] [bahin sa|about] [phonics|verbs]
            [homework|worksheet] [gipadala|sent] na nako [po|]
            [maayo kaayo|galing] si {kid} [ganina|karon]
            [trial|demo] class [libre|free] [sa|] {day}
        """,
        "mixed": """
            [private|one on one] [class|lesson] [25|50] mins [via|sa] {app}
            [open|ablihi] [cam|ang cam] for [class|lesson] [pls|po]
            [lesson|class] [today|karon] [is|about] [phonics|verbs]
            [homework|worksheet] [sent na|gipadala na] [po|]
            [galing|good job] [ni {kid}|si {kid}] [kanina|today]
            [trial|demo] class [free|libre] [on|sa] {day}
        """,
    },
    "tut_fee": {
        "en": """
            [fee|tuition] is {amount} {cur} [per month|for 8 lessons] [via paypal|]
            [pls|kindly] [pay|send] the [fee|tuition] [via|thru] [paypal|wise] [by|before] {day}
            [paid|sent] the [fee|tuition] [via paypal|] [pls check|]
            [received|got] [ur|the] payment [thank u|ty] [see u {day}|]
            [package|bundle] [of|for] [10|20] lessons [{amount} {cur}|is {amount} {cur}]
            [discount|promo] for [siblings|2 kids] [available|] [?|]
        """,
        "tl": """
            [bayad|fee] [ay|] {amount} {cur} [kada buwan|sa 8 lessons]
            [pakibayad|bayaran] [po|] [sa|via] [paypal|gcash] [bago|sa] {day}
            [bayad|nabayaran] na [po|] [ang|yung] [fee|tuition] [ngayong buwan|]
            [natanggap|received] ko na [po|] [ang|yung] bayad [salamat|]
            [package|bundle] [ng|na] [10|20] lessons [{amount} {cur}|]
            [may discount|discount] [ba|] [sa|para sa] magkapatid [?|]
        """,
        "ceb": """
            [bayad|fee] {amount} {cur} [kada bulan|sa 8 lessons]
            [palihug bayri|bayri] [sa|via] [paypal|gcash] [una sa|sa] {day}
            [bayad|nabayran] na [po|] ang [fee|tuition] [karong bulana|]
            [nadawat|received] na nako ang bayad [salamat|]
            [package|bundle] sa [10|20] lessons [{amount} {cur}|]
            [naa bay discount|discount] [sa|para sa] managsoon [?|]
        """,
        "mixed": """
            [fee|bayad] {amount} {cur} [per month|kada buwan]
            [pay|bayri] [via|sa] [paypal|gcash] [before|bago] {day} [po|]
            [paid na|bayad na] [ang|the] tuition [po|]
            [received|nadawat] [na|] [ang|the] payment [thanks|salamat]
            [package|bundle] [10|20] lessons {amount} {cur}
            [discount|promo] [for|sa] siblings [ba|] [?|]
        """,
    },
    "tut_sched": {
        "en": """
            [class|lesson] [on|this] {day} at {time} [ok|?]
            [can we|pls] [move|resched] [the|] class to {day} [?|]
            [sorry|pls note] {kid} [has school|is sick] [on|] {day}
            [see u|see you] [in class|on {day}] [:)|]
            [tutor|teacher] [is|] [late|online now] [pls join|]
            [what time|when] [works|is good] for [u|the student] [?|]
        """,
        "tl": """
            [class|lesson] [sa|ngayong] {day} [ng|] {time} [ok|?]
            pwede [po ba|] [ilipat|i-resched] [ang|yung] class sa {day} [?|]
            [pasensya|sorry] [po|] [may pasok|may sakit] si {kid} [sa|] {day}
            [kita tayo|see you] [sa|] [class|{day}] [po|]
            [online|nandito] na [po|] si teacher [join na|]
            [anong oras|kailan] [po|] [pwede|free] [si {kid}|kayo] [?|]
        """,
        "ceb": """
            [class|lesson] [sa|karong] {day} [alas|] {time} [ok|?]
            pwede [ibalhin|i-resched] ang class sa {day} [?|]
            [pasensya|sorry] [po|] [naa klase|nasakit] si {kid} [sa|] {day}
            [kita ta|see you] [sa|] [class|{day}] [po|]
            [online|naa] na [po|] si teacher [join na|]
            [unsa oras|kanus-a] [libre|free] [si {kid}|mo] [?|]
        """,
        "mixed": """
            class [on|sa] {day} {time} [ok|?]
            [resched|ilipat] [ang|the] class [to|sa] {day} [pls|po] [?|]
            [sorry|pasensya] [may sakit|sick] si {kid} [on|sa] {day}
            [see u|kita tayo] [in class|sa class] [po|]
            teacher [online na|naa na] [join na|pls join]
            [what time|anong oras] [free|pwede] [si {kid}|kayo] [?|]
        """,
    },
}


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _lines(block: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in block.strip().splitlines() if line.strip())


BANK: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    intent: {lang: _lines(block) for lang, block in by_lang.items()}
    for intent, by_lang in _RAW.items()
}

# Words that tell a reader (or a detector) what a line is about. Obfuscation prefers them,
# so evasion hits the words that matter, not just filler. Both positives and look-alikes.
SALIENT: frozenset[str] = frozenset(
    _words(
        """
    show shows private special vip cam naughty pay paid payment send sent padala bayad
    magkano pila price rate gcash western union palawan cebuana paypal remitly maya wu
    mlhuillier usd dollars pesos php old age edad taon tuig grade student secret sekreto
    delete tell video call vc webcam exploitation arrested osaec diamonds load invoice
    tuition fee money remittance claim ref lesson class
    """
    )
)
