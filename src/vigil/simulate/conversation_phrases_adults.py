"""Phrases of three hard negatives: children's games (buying credits, a player's age,
play), two adults dating, and talk about the crime (news, NGO work).

Data only; see vigil.simulate.conversation_phrases for the template syntax.
"""

from __future__ import annotations

RAW: dict[str, dict[str, str]] = {
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
}
