//! Kill the server with SIGKILL in the middle of a burst of writes, 20
//! times: every write it acknowledged is there after the restart, and the
//! chain still verifies.

use crate::helpers::PASSWORD;
use std::collections::BTreeSet;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_samspill");

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

struct Server {
    child: Child,
    base: String,
}

async fn start(data_dir: &std::path::Path) -> Server {
    let port = free_port();
    let mut child = Command::new(BIN)
        .args([
            "serve",
            "--no-demo",
            "--bind",
            &format!("127.0.0.1:{port}"),
            "--log",
            "warn",
        ])
        .arg("--data-dir")
        .arg(data_dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start samspill");
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    for _ in 0..200 {
        if let Ok(r) = client.get(format!("{base}/healthz")).send().await {
            if r.status().is_success() {
                return Server { child, base };
            }
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("samspill did not come up");
}

fn client(base: &str, cookie: Option<&str>) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("Origin", base.parse().unwrap());
    headers.insert("Accept", "application/json".parse().unwrap());
    if let Some(c) = cookie {
        headers.insert("Cookie", c.parse().unwrap());
    }
    reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .unwrap()
}

/// A small deterministic generator: the moment of each kill varies, and a
/// failure can be replayed.
fn pseudo_random(seed: u64) -> u64 {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03;
    x ^= x >> 31;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^ (x >> 29)
}

#[tokio::test]
async fn acknowledged_writes_survive_sigkill() {
    let dir = std::env::temp_dir().join(format!("samspill-crash-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut server = start(&dir).await;

    let anonymous = client(&server.base, None);
    let signed_up = anonymous
        .post(format!("{}/api/sign_up", server.base))
        .form(&[
            ("display_name", "Kari"),
            ("email", "kari@example.org"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    let cookie = crate::helpers::session_cookie(&signed_up).unwrap().0;
    let project_id: String = client(&server.base, Some(&cookie))
        .post(format!("{}/api/create_project", server.base))
        .form(&[("name", "Krasjtest"), ("purpose", ""), ("profession", "nurse")])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();

    let mut acknowledged = BTreeSet::new();
    for round in 0..20u64 {
        let kill_after = Duration::from_millis(30 + pseudo_random(round) % 250);
        let mut writers = Vec::new();
        for w in 0..8 {
            let c = client(&server.base, Some(&cookie));
            let url = format!("{}/api/create_map", server.base);
            let project_id = project_id.clone();
            writers.push(tokio::spawn(async move {
                let mut acked = Vec::new();
                for i in 0.. {
                    let name = format!("r{round}-w{w}-{i}");
                    let res = c
                        .post(&url)
                        .form(&[("project_id", project_id.as_str()), ("name", &name)])
                        .send()
                        .await;
                    match res {
                        Ok(r) if r.status().is_success() => acked.push(name),
                        _ => break, // the server is gone; this write was never acknowledged
                    }
                }
                acked
            }));
        }
        tokio::time::sleep(kill_after).await;
        server.child.kill().unwrap(); // SIGKILL
        server.child.wait().unwrap();
        for w in writers {
            acknowledged.extend(w.await.unwrap());
        }

        server = start(&dir).await;
        let state: serde_json::Value = client(&server.base, Some(&cookie))
            .post(format!("{}/api/get_trail_state", server.base))
            .form(&[("project_id", project_id.as_str())])
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let present: BTreeSet<String> = state["content"]["map"]["maps"]
            .as_object()
            .unwrap()
            .values()
            .map(|m| m["name"].as_str().unwrap().to_owned())
            .collect();
        let lost: Vec<_> = acknowledged.difference(&present).collect();
        assert!(lost.is_empty(), "round {round}: acknowledged but lost: {lost:?}");

        let verify = Command::new(BIN)
            .args(["verify", &project_id, "--log", "warn"])
            .arg("--data-dir")
            .arg(&dir)
            .output()
            .unwrap();
        assert!(
            verify.status.success(),
            "round {round}: {}{}",
            String::from_utf8_lossy(&verify.stdout),
            String::from_utf8_lossy(&verify.stderr)
        );
    }
    eprintln!(
        "crash test: {} acknowledged writes over 20 kills, none lost",
        acknowledged.len()
    );
    assert!(
        acknowledged.len() > 100,
        "the bursts wrote too little to mean anything: {}",
        acknowledged.len()
    );
    server.child.kill().unwrap();
    let _ = server.child.wait();
}
