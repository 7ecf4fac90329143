"""Phrases of the hard negatives about families and children: an overseas worker's family
(remittances, a child's school and video calls home) and a clinic.

Data only; see vigil.simulate.conversation_phrases for the template syntax.
"""

from __future__ import annotations

RAW: dict[str, dict[str, str]] = {
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
}
