//! The decision log as files: JSON that verifies without Samspill and
//! withholds what the person may not see, and a spreadsheet that no cell
//! can turn into a formula.

use crate::helpers::*;
use serde_json::Value;
use sha2::{Digest, Sha256};

async fn download(who: &Person, app: &TestApp, project_id: &str, file: &str) -> reqwest::Response {
    who.client
        .get(format!("{}/export/{project_id}/log/{file}", app.base_url))
        .header("Accept-Language", "en")
        .send()
        .await
        .unwrap()
}

fn verify(json: &str) -> std::process::Output {
    let dir = std::env::temp_dir().join(format!("samspill-log-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("decision-log.json");
    std::fs::write(&file, json).unwrap();
    std::process::Command::new("python3")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/verify_export.py"))
        .arg(&file)
        .output()
        .unwrap()
}

#[tokio::test]
async fn the_demo_log_as_json_holds_every_decision_its_trail_and_fingerprint_and_verifies() {
    let app = spawn_app(BACKENDS[0]).await;
    let (demo, project_id) = crate::fields::demo_signed_in(&app).await;
    let res = download(&demo, &app, &project_id, "decision-log.json").await;
    assert_eq!(res.status(), 200);
    let text = res.text().await.unwrap();
    let log: Value = serde_json::from_str(&text).unwrap();
    let decisions = log["decisions"].as_array().unwrap();
    assert_eq!(decisions.len(), 12);
    let events = log["events"].as_array().unwrap();
    let mut fingerprints = 0;
    for d in decisions {
        // Its trail: events of this decision, in order, starting with the
        // proposal.
        let trail: Vec<i64> = d["trail"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_i64().unwrap())
            .collect();
        assert!(trail.windows(2).all(|w| w[0] < w[1]), "{trail:?}");
        assert_eq!(events[trail[0] as usize - 1]["kind"], "decision_proposed");
        assert!(events[trail[0] as usize - 1]["payload"]
            .as_str()
            .unwrap()
            .contains(d["id"].as_str().unwrap()));
        if let Some(f) = d["fingerprint"].as_object() {
            fingerprints += 1;
            let canonical = f["canonical"].as_str().unwrap();
            assert_eq!(f["sha256"], hex::encode(Sha256::digest(canonical.as_bytes())));
            let sealed = &events[f["sealed_by"].as_u64().unwrap() as usize - 1];
            assert_eq!(sealed["kind"], "decision_closed");
            assert_eq!(f["sealed_by_hash"], sealed["hash"]);
            assert_eq!(trail.last().copied(), sealed["seq"].as_i64());
        }
    }
    assert_eq!(fingerprints, 5);
    assert!(log["people"]
        .as_object()
        .unwrap()
        .values()
        .any(|n| n == "Ahmed Hjemmesykepleier"));

    let ok = verify(&text);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stdout));
    assert!(String::from_utf8_lossy(&ok.stdout)
        .contains(&format!("intact: {} events (0 withheld)", events.len())));
    // A rationale changed afterwards is found.
    let mut tampered = log.clone();
    let closed = tampered["events"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|e| {
            e["kind"] == "decision_closed" && e["payload"].as_str().unwrap().contains("Koden er en nøkkel")
        })
        .unwrap();
    let payload = closed["payload"]
        .as_str()
        .unwrap()
        .replace("Koden er en nøkkel", "Koden er grei");
    closed["payload"] = Value::String(payload);
    assert!(!verify(&tampered.to_string()).status.success());
}

#[tokio::test]
async fn what_a_participant_may_not_see_is_withheld_from_the_json_and_the_chain_still_verifies() {
    let app = spawn_app(BACKENDS[0]).await;
    let (lead, project_id) = lead_with_project(&app).await;
    seal_note(&app, &project_id, &lead, "Lønnsforhandling").await;
    lead.call(
        "propose_decision",
        &[
            ("project_id", &project_id),
            ("title", "Tolk i alle visninger"),
            ("options", "Ja\nNei"),
        ],
    )
    .await
    .unwrap();
    let invite = lead
        .call(
            "create_invite",
            &[("project_id", &project_id), ("role", "participant")],
        )
        .await
        .unwrap();
    let ola = Person::sign_up(&app, "Ola", "ola@example.org").await;
    ola.call(
        "join_project",
        &[
            ("code", invite["code"].as_str().unwrap()),
            ("profession", "nurse"),
        ],
    )
    .await
    .unwrap();

    let for_lead = download(&lead, &app, &project_id, "decision-log.json")
        .await
        .text()
        .await
        .unwrap();
    assert!(for_lead.contains("Lønnsforhandling"));
    let for_ola = download(&ola, &app, &project_id, "decision-log.json")
        .await
        .text()
        .await
        .unwrap();
    assert!(!for_ola.contains("Lønnsforhandling"), "{for_ola}");
    let log: Value = serde_json::from_str(&for_ola).unwrap();
    let withheld: Vec<&Value> = log["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["payload"].is_null())
        .collect();
    assert_eq!(withheld.len(), 1);
    assert_eq!(withheld[0]["kind"], "note_sealed");
    assert_eq!(
        log["decisions"][0]["revisions"][0][0]["title"],
        "Tolk i alle visninger"
    );
    let ok = verify(&for_ola);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stdout));
    assert!(String::from_utf8_lossy(&ok.stdout).contains("(1 withheld)"));
}

#[tokio::test]
async fn the_log_as_a_spreadsheet_has_a_row_per_decision_and_no_formula_for_members_only() {
    let app = spawn_app(BACKENDS[0]).await;
    let (lead, project_id) = lead_with_project(&app).await;
    for title in [
        "=HYPERLINK(\"http://evil.example\",\"Klikk\")",
        "Tolk i alle visninger",
    ] {
        lead.call(
            "propose_decision",
            &[
                ("project_id", &project_id),
                ("title", title),
                ("options", "@SUM(1+1)\nNei"),
                ("open", "on"),
            ],
        )
        .await
        .unwrap();
    }
    let res = download(&lead, &app, &project_id, "decision-log.csv").await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let body = res.text().await.unwrap();
    let mut rows = csv::Reader::from_reader(body.as_bytes());
    let headers: Vec<String> = rows.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(&headers[..3], ["What is to be decided", "Status", "Proposed"]);
    let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    // Newest first; every cell a spreadsheet would run starts with '.
    assert_eq!(&rows[0][0], "Tolk i alle visninger");
    assert_eq!(&rows[0][1], "open for discussion");
    assert_eq!(&rows[1][0], "'=HYPERLINK(\"http://evil.example\",\"Klikk\")");
    assert_eq!(&rows[1][5], "'@SUM(1+1)\nNei");
    for row in &rows {
        for cell in row {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell}");
        }
    }

    let outsider = Person::sign_up(&app, "Outsider", "outsider@example.org").await;
    assert_eq!(
        download(&outsider, &app, &project_id, "decision-log.csv")
            .await
            .status(),
        404
    );
    assert_eq!(
        download(&outsider, &app, &project_id, "decision-log.json")
            .await
            .status(),
        404
    );
    assert_eq!(
        download(&Person::anonymous(&app), &app, &project_id, "decision-log.json")
            .await
            .status(),
        401
    );
    assert_eq!(
        download(&lead, &app, &project_id, "other.csv").await.status(),
        404
    );
}
