## Changing what is planned: meetings and messages to participants

meetings-change = Flyt eller aflys
meetings-add = Tilføj mødegang
meetings-add-hint = Alle tilmeldte får mødegangen i deres kalender.
meetings-field-date = Dato
meetings-field-start = Fra kl.
meetings-field-end = Til kl.
meetings-field-location = Sted
meetings-field-location-hint = Lad feltet stå tomt, hvis mødegangen holdes samme sted som holdet.
meetings-field-online-url = Onlinelink
meetings-field-online-url-hint = Lad feltet stå tomt for holdets eget link. Et link, der begynder med https://.
meetings-move-title = Flyt mødegang
meetings-move-hint = Tidspunkter er dansk tid. Hver person får én e-mail med den opdaterede kalenderinvitation.
meetings-move-save = Gem og giv besked
meetings-teaches = Underviser i:
meetings-told-count = { $count ->
    [0] Ingen får besked: der er ingen tilmeldte endnu.
    [one] 1 person får besked.
   *[other] { $count } personer får besked.
}
meetings-told-seated = Tilmeldte:
meetings-told-unanswered = Inviterede, der ikke har svaret endnu:
meetings-remove = Aflys mødegangen
meetings-remove-title = Aflys denne mødegang?
meetings-remove-hint = Holdet fortsætter med de andre mødegange. Hver person, der skulle komme, får én e-mail, der kun fjerner denne mødegang fra kalenderen.
meetings-remove-confirm = Ja, aflys mødegangen
meetings-remove-modules = { $count ->
    [one] Mødegangen underviser i et modul, der skal have en ny dato:
   *[other] Mødegangen underviser i { $count } moduler, der skal have en ny dato:
}
meetings-back = Tilbage til holdet
meetings-last-meeting = Det er holdets eneste mødegang, så den kan ikke aflyses alene. Aflys hele holdet i stedet.
meetings-session-closed = Holdet er aflyst eller afholdt, så mødegangene kan ikke længere ændres.
meetings-already-removed = Mødegangen er allerede aflyst.
meetings-moved = Mødegangen er flyttet, og de berørte har fået besked.
meetings-unchanged = Intet er ændret, så ingen har fået besked.
meetings-added = Mødegangen er tilføjet, og de tilmeldte har fået besked.
meetings-removed = Mødegangen er aflyst, og de berørte har fået besked.
meetings-removed-modules = Mødegangen underviste i moduler, der nu mangler en dato. Se listen under Mødegange.
meetings-unplanned = { $count ->
    [one] Et modul mangler en ny dato, fordi dets mødegang er aflyst:
   *[other] { $count } moduler mangler en ny dato, fordi deres mødegange er aflyst:
}
meetings-messages = Beskeder til deltagerne
meetings-no-messages = Der er ikke skrevet til deltagerne endnu.
meetings-write = Skriv til deltagerne
meetings-write-reaches = { $count ->
    [0] Der er ingen tilmeldte endnu.
    [one] Beskeden sendes til 1 tilmeldt.
   *[other] Beskeden sendes til { $count } tilmeldte.
}
meetings-write-hint = Hver modtager får sin egen e-mail. Beskeden gemmes og vises på holdets side.
meetings-field-subject = Emne
meetings-field-body = Besked
meetings-also-waiting-list = { $count ->
    [one] Send også til den 1 på ventelisten
   *[other] Send også til de { $count } på ventelisten
}
meetings-send = Send beskeden
meetings-message-sent = Beskeden er sendt.
meetings-sent-at = Sendt
meetings-sent-by = Skrevet af
meetings-recipients = Modtagere
meetings-recipient-count = { $count ->
    [one] 1 modtager
   *[other] { $count } modtagere
}
meetings-with-waiting-list = med ventelisten
