"""Phrases of ordinary chat shared by every conversation: greetings and replies, small
talk, plans, goodbyes and scheduling.

Data only; see vigil.simulate.conversation_phrases for the template syntax.
"""

from __future__ import annotations

RAW: dict[str, dict[str, str]] = {
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
}
