#!/usr/bin/env python3
"""Writes the project's own small Sosmeta structures into structures/.

These are NOT THL structures: they are written for the demo and fast tests, in the Sosmeta
export format. Document type codes 99901-99903 are project test codes, not THL codes.
Run: python3 scripts/make-structures.py
"""
import json, os

row = [0]
def L(fi, sv=None):
    out = [{"lang": "fi", "value": fi}]
    if sv is not None:
        out.append({"lang": "sv", "value": sv})
    return out

REP = {"Teksti": "Text", "Nimi": "Namn", "Kytkin": "Switch", "Pvm": "Datum", "Hetki": "Tidpunkt",
       "Koodi": "Kod", "Tunnus": "Identifierare", "Määrä": "Mängd", "Prosentti": "Procent",
       "Mitta": "Mått", "Numero": "Nummer", "Lkm": "Antal", "Fraasi": "Fras",
       "Allekirjoitus": "Underskrift", "Otsikko": "Rubrik"}
PVM = "^-?[0-9]{4}(-(0[1-9]|1[0-2])(-(0[0-9]|[1-2][0-9]|3[0-1]))?)?$"
HETKI = "^-?[0-9]{4}(-(0[1-9]|1[0-2])(-(0[0-9]|[1-2][0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?$"

def sos(name, rep=None, required=False, repeatable=False, cond=False, hidden=False, hidden_title=False,
        title=None, desc=None, example=None, note=None, **extra):
    row[0] += 1
    s = {"name": L(*name)}
    if title: s["title"] = L(*title)
    s["description"] = L(*desc) if desc else L("-", "-")
    if example: s["example"] = L(*example)
    if note: s["implementationNote"] = L(*note)
    if rep: s["representation"] = L(rep, REP[rep])
    s.update(extra)
    s.update({"repeatable": repeatable, "required": required, "conditionalRequired": cond,
              "nationwideRecordedInformation": False, "hiddenField": hidden, "hiddenTitle": hidden_title,
              "rowNumber": row[0]})
    return s

def field(name, rep, required=False, repeatable=False, min_items=0, **kw):
    meta = sos(name, rep, required=required, repeatable=repeatable, **kw)
    if rep in ("Teksti", "Nimi", "Allekirjoitus"):
        node = {"type": "string"}
        if required: node["minLength"] = 1
    elif rep == "Pvm": node = {"type": "string", "pattern": PVM}
    elif rep == "Hetki": node = {"type": "string", "pattern": HETKI}
    elif rep == "Kytkin": node = {"type": "boolean"}
    elif rep in ("Numero", "Lkm"): node = {"type": "number"}
    elif rep == "Fraasi":
        node = {"type": "string", "enum": [meta["phrase"][0]["value"]]}
    elif rep == "Koodi":
        oid = meta["classificationOid"][0]["value"]
        system = {"type": "string", "pattern": "^urn:oid:" + oid.replace(".", "\\.") + "(\\.\\d+)*$"}
        code = {"type": "string"}
        if "acceptedValues" in meta: code["enum"] = [a["value"] for a in meta["acceptedValues"]]
        node = {"type": "object", "additionalProperties": False, "required": ["system", "code", "display"],
                "properties": {"system": system, "code": code, "display": {"type": "string"}}}
    elif rep == "Tunnus":
        node = {"type": "object", "additionalProperties": False, "required": ["value"],
                "properties": {"system": {"type": "string"}, "value": {"type": "string"}}}
    elif rep in ("Määrä", "Prosentti", "Mitta"):
        node = {"type": "object", "additionalProperties": False, "required": ["value", "code"],
                "properties": {"value": {"type": "number"}, "code": {"type": "string"}}}
    node["sosmeta"] = meta
    if repeatable:
        return {"type": "array", "minItems": min_items, "items": node}
    return node

def group(name, props, required=False, repeatable=False, min_items=0, rep=None, **kw):
    meta = sos(name, rep, required=required, repeatable=repeatable, **kw)
    node = {"type": "object", "additionalProperties": False, "sosmeta": meta,
            "required": [k for k, v in props if (v.get("items", v)["sosmeta"]["required"])],
            "properties": dict(props)}
    if repeatable:
        return {"type": "array", "minItems": min_items, "items": node}
    return node

def structure(oid, title, doc_type, subject, key, name, props, status="Valmis"):
    row[0] = 0
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": f"'{title}' JSON schema",
        "type": "object", "additionalProperties": False,
        "sosmeta": {"title": f"'{title}' JSON schema", "status": status,
                    "documentDefinitionVersion": "2026-11-22", "dataComponentLibraryVersion": "2026-11-22",
                    "oid": oid, "documentType": doc_type, "documentAuthor": "Ammattihenkilö",
                    "documentSubject": subject},
        "required": [key],
        "properties": {key: {"type": "object", "additionalProperties": False,
                             "sosmeta": {"name": L(*name)},
                             "required": [k for k, v in props if v.get("items", v)["sosmeta"]["required"]],
                             "properties": dict(props)}},
    }

def person(required=True, with_ids=True, cond_note=None):
    props = [
        ("sukunimi", field(("Sukunimi", "Efternamn"), "Nimi", required=True)),
        ("etunimet", field(("Etunimet", "Samtliga förnamn"), "Nimi", required=True)),
    ]
    if with_ids:
        note = ("Ehdollisesti pakollinen: Henkilötunnus- ja Syntymäaika -kentistä toinen on pakollinen.",
                "Villkorligt obligatorisk: antingen personbeteckning eller födelsedatum är obligatorisk.")
        props.append(("henkilotunnus", field(("Henkilötunnus", "Personbeteckning"), "Tunnus", cond=True, note=note,
                                             systemUri=[{"lang": "", "value": "urn:oid:1.2.246.21"}])))
        props.append(("syntymaaika", field(("Syntymäaika", "Födelsedatum"), "Pvm", cond=True, note=note)))
    return props

def kertomus():
    key = "demo_asiakaskertomus"
    props = [
        ("asiakas", group(("Asiakas", "Klient"), person(), required=True, repeatable=True, min_items=1)),
        ("kaynnin_ajankohta", field(("Käynnin ajankohta", "Tidpunkt för besöket"), "Hetki", required=True)),
        ("kayntityyppi", field(("Käyntityyppi", "Typ av besök"), "Koodi", required=True,
                               classification=L("Sisäinen luokitus: demo-käyntityyppi", "Intern klassificering: demo-besökstyp"),
                               classificationOid=[{"lang": "", "value": "1.2.246.537.6.99901"}],
                               valueSet=L("1 = Tapaaminen, 2 = Puhelu, 3 = Kotikäynti", "1 = Möte, 2 = Samtal, 3 = Hembesök"),
                               acceptedValues=[{"lang": "", "value": v} for v in ("1", "2", "3")])),
        ("merkinta", field(("Merkintä", "Anteckning"), "Teksti", required=True,
                           desc=("Mitä käynnillä tehtiin ja sovittiin.", "Vad som gjordes och avtalades vid besöket."),
                           example=("Keskusteltiin asumistilanteesta.", "Vi diskuterade boendesituationen."))),
        ("asiakas_osallistui", field(("Asiakas osallistui", "Klienten deltog"), "Kytkin")),
        ("suunnitelma", group(("Suunnitelma", "Plan"), [
            ("jatkotoimet", field(("Jatkotoimet", "Fortsatta åtgärder"), "Teksti")),
            ("seuraava_tapaaminen", field(("Seuraava tapaaminen", "Nästa möte"), "Pvm")),
        ], hidden=True)),
        ("tiedote", field(("Tiedote", "Meddelande"), "Fraasi", hidden_title=True,
                          phrase=L("Asiakkaalla on oikeus tarkastaa häntä koskevat tiedot.",
                                   "Klienten har rätt att granska uppgifter om sig själv."))),
        ("laatija", group(("Laatija", "Upprättare"), person(with_ids=False) + [
            ("tehtavanimike", field(("Tehtävänimike", "Yrkesbeteckning"), "Nimi")),
        ], required=True, repeatable=True, min_items=1)),
        ("paivamaara", field(("Päivämäärä", "Datum"), "Pvm", required=True)),
    ]
    return structure("1.2.246.537.6.1506.99901.2026.11.22", "Demo: asiakaskertomusmerkintä", "Asiakaskertomusmerkintä",
                     "Sosiaalihuollon  palvelutehtäville yhteiset asiakasasiakirjat", key,
                     ("Demo: asiakaskertomusmerkintä", "Demo: klientberättelseanteckning"), props)

def kaikki():
    key = "demo_kaikki_tietotyypit"
    props = [
        ("otsikko", group(("Perustiedot", "Grunduppgifter"), [
            ("teksti", field(("Teksti", "Text"), "Teksti", required=True)),
            ("nimi", field(("Nimi", "Namn"), "Nimi")),
            ("kytkin", field(("Kytkin", "Switch"), "Kytkin")),
            ("pvm", field(("Päivämäärä", "Datum"), "Pvm", title=("Osittainen päivämäärä", "Partiellt datum"))),
            ("hetki", field(("Hetki", "Tidpunkt"), "Hetki")),
        ], rep="Otsikko", required=True)),
        ("koodi", field(("Palvelu", "Tjänst"), "Koodi",
                        classification=L("Sosiaalihuolto - Palvelutehtävä", "Socialvård - Serviceuppgift"),
                        classificationOid=[{"lang": "", "value": "1.2.246.537.6.1222"}])),
        ("tunnus", field(("Henkilötunnus", "Personbeteckning"), "Tunnus",
                         systemUri=[{"lang": "", "value": "urn:oid:1.2.246.21"}])),
        ("maara", field(("Määrä", "Mängd"), "Määrä", title=("Summa euroina", "Summa i euro"))),
        ("prosentti", field(("Prosentti", "Procent"), "Prosentti")),
        ("mitta", field(("Pinta-ala", "Yta"), "Mitta")),
        ("numero", field(("Numero", "Nummer"), "Numero")),
        ("lkm", field(("Lasten lukumäärä", "Antal barn"), "Lkm")),
        ("toistuva_teksti", field(("Huomio", "Observation"), "Teksti", repeatable=True)),
        ("fraasi", field(("Fraasi", "Fras"), "Fraasi", phrase=L("Vakioteksti.", "Standardtext."))),
        ("allekirjoitus", field(("Allekirjoitus", "Underskrift"), "Allekirjoitus")),
    ]
    return structure("1.2.246.537.6.1506.99902.2026.11.22", "Demo: kaikki tietotyypit", "Selvitys",
                     "Sosiaalihuollon  palvelutehtäville yhteiset asiakasasiakirjat", key,
                     ("Demo: kaikki tietotyypit", "Demo: alla datatyper"), props)

def luonnos():
    key = "demo_luonnos"
    props = [
        ("kuvaus", field(("Kuvaus",), "Teksti", required=True)),
        ("lisatieto", field(("Lisätieto", "Lisätieto"), "Teksti")),
    ]
    return structure("1.2.246.537.6.1506.99903.2026.11.22", "Demo: luonnos", "Muistio",
                     "Sosiaalihuollon  palvelutehtäville yhteiset asiakasasiakirjat", key,
                     ("Demo: luonnos", "Demo: utkast"), props, status="Luonnos")

def lapsi():
    key = "demo_lapsen_asiakaskertomus"
    asiakas = person() + [
        ("kotikunta", field(("Kotikunta", "Hemkommun"), "Koodi",
                            classification=L("Kuntakoodisto", "Kommunkoder"),
                            classificationOid=[{"lang": "", "value": "1.2.246.537.6.21"}])),
        ("turvakielto", field(("Turvakielto", "Spärrmarkering"), "Kytkin",
                              note=("Jos tähän on vastattu \"kyllä\", ei kotikuntaa, tilapäistä asuinkuntaa eikä yhteystietoja näytetä asiakirjalla.",
                                    "Om svaret är \"ja\" visas inte hemkommun, tillfällig boendekommun eller kontaktuppgifter i handlingen."))),
        ("yhteystiedot", group(("Yhteystiedot", "Kontaktuppgifter"), [
            ("puhelinnumero", field(("Puhelinnumero", "Telefonnummer"), "Teksti")),
            ("osoite", field(("Osoite", "Adress"), "Teksti")),
        ])),
    ]
    props = [
        ("asiakas", group(("Asiakas", "Klient"), asiakas, required=True, repeatable=True, min_items=1)),
        ("merkinta", field(("Merkintä", "Anteckning"), "Teksti", required=True)),
        ("laatija", group(("Laatija", "Upprättare"), person(with_ids=False), required=True, repeatable=True, min_items=1)),
        ("paivamaara", field(("Päivämäärä", "Datum"), "Pvm", required=True)),
    ]
    return structure("1.2.246.537.6.1506.99904.2026.11.22", "Demo: lapsen asiakaskertomus", "Asiakaskertomusmerkintä",
                     "Lastensuojelun avohuollon asiakasasiakirjat", key,
                     ("Demo: lapsen asiakaskertomus", "Demo: barnets klientberättelse"), props)

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "structures")
for fname, s in [("demo-kertomus.json", kertomus()), ("demo-kaikki-tietotyypit.json", kaikki()),
                 ("demo-luonnos.json", luonnos()), ("demo-lapsi.json", lapsi())]:
    with open(os.path.join(here, fname), "w", encoding="utf-8") as f:
        json.dump(s, f, ensure_ascii=False, indent=1)
        f.write("\n")
print("wrote structures/")
