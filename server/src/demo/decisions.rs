//! The demo's design decisions: a dozen choices about what the discharge
//! report shows to whom, in several states, linked to the demo's fields and
//! matrix cells, argued and taken positions on by the people who do the
//! work, with the disagreement that remains.

use app::decisions::changes::DecisionsChange;
use app::decisions::commands::DecisionsCommand as Command;
use app::error::AppResult;
use app::features::{Append, Change, Entry, ProjectTrail as Trail, Request};
use app::projects::domain::Profession;
use std::collections::HashMap;

/// What a decision concerns: a field, or a cell (field, context), by the
/// demo fields' and contexts' places.
enum About {
    Field(usize),
    Cell(usize, usize),
}

enum Step {
    /// Who, on which option, for or against, what.
    Argue(&'static str, usize, &'static str, &'static str),
    /// Who, on which option, stance, reason.
    Position(&'static str, usize, &'static str, &'static str),
    /// A new revision with this title (options unchanged).
    Revise(&'static str, &'static str),
    /// The professions the lead requires to have taken a position.
    Quorum(&'static [&'static str]),
}

enum End {
    Draft,
    Open,
    Deferred(&'static str),
    /// Outcome (an option's place, or none: all rejected), rationale, and
    /// the reason for overriding a block, if any.
    Closed(Option<usize>, &'static str, &'static str),
}

struct Demo {
    by: &'static str,
    title: &'static str,
    problem: &'static str,
    options: &'static [&'static str],
    about: &'static [About],
    steps: &'static [Step],
    end: End,
}

use About::*;
use Step::*;

const DECISIONS: [Demo; 12] = [
    Demo {
        by: "kari",
        title: "Legemiddelendringer står øverst i utskrivningsrapporten, med begrunnelse",
        problem: "Hjemmesykepleien finner ikke endringene i lange epikriser, og gir av og til gammel dose første kveld.",
        options: &["Øverst, med begrunnelse for hver endring", "I egen seksjon etter diagnosene"],
        about: &[Field(7), Cell(7, 2)],
        steps: &[
            Argue("kari", 0, "for", "Hjemmesykepleien leser første side først, ofte i bilen"),
            Argue("ola", 1, "for", "Begrunnelsen henger sammen med diagnosene"),
            Position("kari", 0, "agree", ""),
            Position("ahmed", 0, "agree", "Sparer en telefon til sengeposten hver gang"),
            Position("lars", 0, "agree_with_concerns", "Bare hvis listen er avstemt med multidose"),
            Position("ola", 0, "disagree", "Begrunnelsen hører hjemme i epikrisen, ikke i sykepleierapporten"),
        ],
        end: End::Closed(Some(0), "De som gir legemidlene første døgn, må se endringene før noe annet.", ""),
    },
    Demo {
        by: "siri",
        title: "Nattevakten ser ikke pårørendes telefonnummer",
        problem: "Personvern: kveldslisten skrives ut og ligger i bilen.",
        options: &["Skjules for kveld og natt", "Vises for alle som besøker pasienten"],
        about: &[Cell(2, 3)],
        steps: &[
            Quorum(&["nurse", "care_worker", "physician"]),
            Argue("siri", 0, "for", "Listen skrives ut og kan bli liggende"),
            Argue("mona", 0, "against", "Vi må kunne ringe pårørende når pasienten blir dårligere"),
            Position("siri", 0, "agree", ""),
            Position("bente", 0, "agree_with_concerns", "Hvis fastlegens nummer står der i stedet"),
            Position("mona", 0, "block", "Uten nummeret kan vi ikke varsle pårørende om natten"),
            Position("jonas", 0, "disagree", "Vi er alene på kveldstid"),
        ],
        end: End::Open,
    },
    Demo {
        by: "ola",
        title: "Allergier, CAVE og behandlingsavklaringer i en fast boks øverst",
        problem: "Kritisk informasjon står i dag spredt i rapporten.",
        options: &["En fast boks øverst", "Markeres der de står i teksten"],
        about: &[Field(9), Field(11)],
        steps: &[
            Quorum(&["nurse", "physician"]),
            Position("ola", 0, "agree", ""),
            Position("kari", 0, "agree", ""),
            Position("ahmed", 0, "agree", ""),
            Position("lars", 0, "agree", "Samme boks som i kjernejournalen"),
        ],
        end: End::Closed(Some(0), "Alle yrkesgruppene vil ha det samme sted, hver gang.", ""),
    },
    Demo {
        by: "lars",
        title: "Det står alltid hvem som administrerer legemidlene, og om pasienten har multidose",
        problem: "Fastlegen og apoteket vet ikke hvem som har ansvaret den første uken.",
        options: &["Et eget, obligatorisk felt", "En linje i legemiddellisten"],
        about: &[Field(8), Cell(8, 4)],
        steps: &[
            Argue("lars", 0, "for", "Et tomt felt synes; en manglende linje gjør ikke det"),
            Position("lars", 0, "agree", ""),
            Position("tor", 0, "agree_with_concerns", "Tildelingskontoret må kunne endre feltet"),
        ],
        end: End::Open,
    },
    Demo {
        by: "eva",
        title: "Funksjonsnivå beskrives med samme skala på sykehuset og i kommunen",
        problem: "Sykehuset og kommunen bruker ulike skalaer, og tjenestene blir feil dimensjonert.",
        options: &["Kommunens IPLOS-skala", "Sykehusets egen skala"],
        about: &[Field(12)],
        steps: &[
            Argue("eva", 0, "for", "Tildelingskontoret regner med IPLOS uansett"),
            Position("eva", 0, "agree", ""),
            Position("kari", 0, "disagree", "Vi kjenner ikke IPLOS og vil gjette"),
        ],
        end: End::Deferred("Venter på den nasjonale anbefalingen som kommer i vår"),
    },
    Demo {
        by: "ahmed",
        title: "Koden til nøkkelboksen sendes ikke i meldingen",
        problem: "Meldingen kan leses av mange; koden gir adgang til pasientens hjem.",
        options: &["Koden gis muntlig ved første kontakt", "Koden står i meldingen"],
        about: &[Field(22)],
        steps: &[
            Position("siri", 0, "agree", ""),
            Position("tor", 0, "agree", ""),
            Position("ahmed", 0, "disagree", "Første besøk er ofte sent på kvelden, og da svarer ingen"),
        ],
        end: End::Closed(Some(0), "Koden er en nøkkel; den skal ikke ligge i et dokument.", ""),
    },
    Demo {
        by: "tor",
        title: "Pasientens egne mål vises først for tildelingskontoret",
        problem: "Vedtaket skrives ut fra diagnoser, ikke fra hva pasienten selv vil klare.",
        options: &["Først i visningen for tildeling", "Sammen med funksjonsnivå"],
        about: &[Cell(23, 1)],
        steps: &[],
        end: End::Draft,
    },
    Demo {
        by: "kari",
        title: "Rusmiddelbruk vises bare for sykepleiere",
        problem: "Opplysningen er sensitiv, men viktig for legemiddelhåndteringen.",
        options: &["Bare sykepleiere og lege", "Alle som gir legemidler"],
        about: &[Field(28)],
        steps: &[
            Argue("kari", 0, "for", "Helsefagarbeidere trenger ikke vite hvorfor"),
            Argue("jonas", 1, "for", "Vi gir legemidlene på kveldstid og må kjenne risikoen"),
            Position("kari", 0, "agree", ""),
            Position("jonas", 0, "disagree", "Vi står alene med pasienten"),
            Position("mona", 0, "disagree", "Det handler om vår sikkerhet også"),
        ],
        end: End::Open,
    },
    Demo {
        by: "tor",
        title: "Kommunen varsles om utskrivningsklar pasient 24 timer før",
        problem: "Varsel samme dag gir ikke tid til å sette opp tjenester.",
        options: &["24 timer før", "Samme dag innen kl. 12"],
        about: &[Field(24), Cell(24, 1)],
        steps: &[
            Argue("tor", 0, "for", "Vi trenger et døgn for å skaffe hjelpemidler"),
            Argue("ola", 0, "against", "Vi vet sjelden et døgn før at pasienten er klar"),
            Position("tor", 1, "disagree", "Det gir ikke tid til hjelpemidler"),
            Position("ola", 1, "agree", ""),
            Position("kari", 1, "agree", ""),
        ],
        end: End::Closed(Some(1), "Sykehuset kan ikke love et døgn; kl. 12 er det tidligste alle kan holde.", ""),
    },
    Demo {
        by: "ingrid",
        title: "Hvert felt viser når det sist ble oppdatert og hvor det kommer fra",
        problem: "Ingen vet om medisinlisten er fra i dag eller fra forrige innleggelse.",
        options: &["Ved hvert felt", "En gang nederst i rapporten"],
        about: &[Field(27)],
        steps: &[
            Position("ingrid", 0, "agree", ""),
            Position("lars", 0, "agree", "Særlig for legemiddellisten"),
        ],
        end: End::Open,
    },
    Demo {
        by: "bente",
        title: "Behov for tolk markeres med et symbol i alle visninger",
        problem: "Tolk bestilles for sent fordi behovet står langt nede.",
        options: &["Symbol og tekst øverst", "Bare i kommunikasjonsfeltet"],
        about: &[Field(21)],
        steps: &[
            Position("bente", 0, "agree", ""),
            Position("tor", 0, "agree", ""),
            Position("siri", 0, "agree", "Symbolet må ha tekst, ikke bare farge"),
        ],
        end: End::Closed(Some(0), "Alle som møter pasienten først, må se det.", ""),
    },
    Demo {
        by: "ahmed",
        title: "Prosedyren for sårstell legges ved som eget dokument",
        problem: "Prosedyren forsvinner i fritekst og må skrives av.",
        options: &["Eget vedlegg med bilder", "I sykepleierapporten"],
        about: &[Field(17)],
        steps: &[
            Position("ahmed", 0, "agree", ""),
            Position("kari", 0, "agree_with_concerns", "Bilder bare med samtykke"),
            Revise("ahmed", "Prosedyren for sårstell legges ved som eget dokument, med samtykke til bilder"),
            Position("bente", 0, "agree", ""),
        ],
        end: End::Open,
    },
];

pub async fn load(
    trail: &Trail,
    project_id: &str,
    people: &HashMap<&str, String>,
    professions: &HashMap<&str, Profession>,
    fields: &[String],
    contexts: &[String],
) -> AppResult<()> {
    let submit = |actor: &str, command: Command| {
        let actor = people.get(actor).cloned().unwrap_or_default();
        let trail = trail.clone();
        let project_id = project_id.to_owned();
        async move {
            trail
                .submit(Append {
                    project_id,
                    actor_id: actor,
                    workshop_id: None,
                    base_seq: None,
                    request: Request::Do(command.into()),
                    curator: true,
                    token: None,
                })
                .await
        }
    };
    for demo in &DECISIONS {
        let references = demo
            .about
            .iter()
            .map(|a| match a {
                Field(f) => format!("field:{}", fields[*f]),
                Cell(f, c) => format!("cell:{}~{}", fields[*f], contexts[*c]),
            })
            .collect();
        let events = submit(
            demo.by,
            Command::Propose {
                title: demo.title.into(),
                problem: demo.problem.into(),
                options: demo.options.iter().map(|o| (*o).to_owned()).collect(),
                references,
                open: !matches!(demo.end, End::Draft),
            },
        )
        .await?;
        let Some(Entry::Change(Change::Decisions(DecisionsChange::DecisionProposed {
            decision_id,
            text,
            ..
        }))) = events.first().map(|e| &e.change)
        else {
            return Err(app::error::AppError::Internal);
        };
        let (d, options): (String, Vec<String>) = (
            decision_id.clone(),
            text.options.iter().map(|o| o.id.clone()).collect(),
        );
        for step in demo.steps {
            let command = match step {
                Argue(who, option, side, text) => (
                    *who,
                    Command::Argue {
                        decision_id: d.clone(),
                        option_id: options[*option].clone(),
                        side: (*side).into(),
                        text: (*text).into(),
                        evidence: String::new(),
                        profession: professions.get(who).copied(),
                    },
                ),
                Position(who, option, stance, reason) => (
                    *who,
                    Command::TakePosition {
                        decision_id: d.clone(),
                        option_id: options[*option].clone(),
                        stance: (*stance).into(),
                        reason: (*reason).into(),
                        profession: professions.get(who).copied(),
                    },
                ),
                Quorum(professions) => (
                    "ingrid",
                    Command::SetQuorum {
                        decision_id: d.clone(),
                        professions: professions.iter().map(|p| (*p).to_owned()).collect(),
                    },
                ),
                Revise(who, title) => (
                    *who,
                    Command::Revise {
                        decision_id: d.clone(),
                        title: (*title).into(),
                        problem: demo.problem.into(),
                        options: demo.options.iter().map(|o| (*o).to_owned()).collect(),
                    },
                ),
            };
            submit(command.0, command.1).await?;
        }
        let end = match &demo.end {
            End::Draft | End::Open => None,
            End::Deferred(reason) => Some(Command::SetStatus {
                decision_id: d.clone(),
                status: "deferred".into(),
                reason: (*reason).into(),
            }),
            End::Closed(outcome, rationale, override_reason) => Some(Command::Close {
                decision_id: d.clone(),
                outcome: outcome.map(|o| options[o].clone()).unwrap_or_default(),
                rationale: (*rationale).into(),
                override_reason: (*override_reason).into(),
                // The reservations on the accepted option, to check in spring.
                criteria: demo
                    .steps
                    .iter()
                    .filter_map(|s| match s {
                        Position(_, o, "agree_with_concerns", reason) if Some(*o) == *outcome => {
                            Some((*reason).to_owned())
                        }
                        _ => None,
                    })
                    .collect(),
                evaluate_on: "2027-03-01".into(),
            }),
        };
        if let Some(command) = end {
            submit("ingrid", command).await?;
        }
    }
    Ok(())
}
