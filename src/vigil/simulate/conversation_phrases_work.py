"""Phrases of the hard negatives at work: freelancing (invoices, payments, meetings) and
online English lessons.

Data only; see vigil.simulate.conversation_phrases for the template syntax.
"""

from __future__ import annotations

RAW: dict[str, dict[str, str]] = {
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
