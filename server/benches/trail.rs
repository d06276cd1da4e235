//! Benchmarks of the decision trail. Each figure is printed beside a
//! ceiling measured in the same run on the same machine:
//!
//!   cargo bench -p server --bench trail      (or: make bench)
//!
//! 1. durable appends through the server-function path (HTTP POST, session,
//!    membership, trail) against raw one-row INSERT transactions into the
//!    same SQLite file at the same synchronous setting;
//! 2. replay: events folded per second, against only walking the events;
//!    `state_at` on a 100,000-event project, against reading its nearest
//!    snapshot row alone;
//! 3. fan-out: one writer at 100 changes/s, 200 WebSocket clients: time
//!    from the start of the write to the last client receiving it, against
//!    an in-process broadcast to 200 tasks.

use app::features::{Append, Change, Entry, Event, Project, ProjectState, ProjectTrail as Trail, Request};
use app::map::changes::MapChange;
use app::map::commands::MapCommand as Command;
use app::trail::live::LiveMessage;
use app::trail::server::state_at;
use app::trail::Seq;
use futures::StreamExt;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio_tungstenite::tungstenite::{client::IntoClientRequest, Message};

const PASSWORD: &str = "blå-hest-på-sykkeltur";

struct Running {
    base: String,
    trail: Trail,
    pool: sqlx::AnyPool,
    cookie: String,
}

async fn start() -> Running {
    let dir = std::env::temp_dir().join(format!("samspill-bench-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}/samspill.db?mode=rwc", dir.display());
    let pool = server::db::connect(&url).await.unwrap();
    server::db::migrate(&pool).await.unwrap();
    let sessions = server::sessions::Sessions::connect(&url).await.unwrap();
    let trail = Trail::start(pool.clone(), false);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let base = format!("http://{addr}");
    let state = app::state::AppState {
        pool: pool.clone(),
        trail: trail.clone(),
        leptos_options: server::leptos_options("target/site", addr),
        public_url: base.clone(),
    };
    let router = server::app(
        state,
        sessions,
        server::RouterOptions {
            secure_cookies: false,
        },
    );
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap()
    });
    let res = client(&base, None)
        .post(format!("{base}/api/sign_up"))
        .form(&[
            ("display_name", "Bench"),
            ("email", "bench@example.org"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("samspill_session="))
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    Running {
        base,
        trail,
        pool,
        cookie,
    }
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
        .pool_max_idle_per_host(256)
        .build()
        .unwrap()
}

async fn new_project(r: &Running, name: &str) -> String {
    client(&r.base, Some(&r.cookie))
        .post(format!("{}/api/create_project", r.base))
        .form(&[("name", name), ("purpose", ""), ("profession", "nurse")])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

async fn appends(r: &Running) {
    let project = new_project(r, "Appends").await;
    let writers = 64;
    let per_writer = 80;
    let started = Instant::now();
    let mut tasks = Vec::new();
    for w in 0..writers {
        let c = client(&r.base, Some(&r.cookie));
        let url = format!("{}/api/create_map", r.base);
        let project = project.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::with_capacity(per_writer);
            for i in 0..per_writer {
                let t = Instant::now();
                let res = c
                    .post(&url)
                    .form(&[("project_id", project.as_str()), ("name", &format!("w{w}-{i}"))])
                    .send()
                    .await
                    .unwrap();
                assert!(res.status().is_success());
                latencies.push(t.elapsed());
            }
            latencies
        }));
    }
    let mut latencies = Vec::new();
    for t in tasks {
        latencies.extend(t.await.unwrap());
    }
    let elapsed = started.elapsed();
    latencies.sort();
    let n = latencies.len();
    let rate = n as f64 / elapsed.as_secs_f64();

    // Ceiling: raw one-row transactions into the same file, same pragmas.
    sqlx::query("CREATE TABLE IF NOT EXISTS bench_raw (project_id TEXT, seq BIGINT, payload TEXT)")
        .execute(&r.pool)
        .await
        .unwrap();
    let raw_n = 1000;
    let t = Instant::now();
    for i in 0..raw_n {
        let mut tx = r.pool.begin().await.unwrap();
        sqlx::query("INSERT INTO bench_raw (project_id, seq, payload) VALUES ($1, $2, $3)")
            .bind(&project)
            .bind(i as i64)
            .bind(r#"{"map_id":"0193","name":"raw"}"#)
            .execute(&mut *tx)
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }
    let raw_rate = raw_n as f64 / t.elapsed().as_secs_f64();
    println!("durable appends, server-function path ({writers} writers over HTTP, synchronous=FULL):");
    println!(
        "  {rate:>9.0} events/s   p50 {:.1} ms   p99 {:.1} ms   ({n} events)",
        ms(percentile(&latencies, 0.5)),
        ms(percentile(&latencies, 0.99))
    );
    println!("  ceiling: raw one-row INSERT transactions into the same file: {raw_rate:.0} rows/s");
}

fn synthetic_log(project: &str, n: usize) -> Vec<Event> {
    let mut log = Vec::with_capacity(n);
    let mut state = ProjectState::new(project);
    let mut elements: Vec<String> = Vec::new();
    for i in 0..n {
        let seq = i as Seq + 1;
        let change = match i % 10 {
            0 if i == 0 => MapChange::MapCreated {
                map_id: "m".into(),
                name: "I dag".into(),
            },
            0..=2 => {
                let id = format!("e{i}");
                elements.push(id.clone());
                MapChange::ElementAdded {
                    element_id: id,
                    map_id: "m".into(),
                    element_kind: app::map::model::ElementKind::Unit,
                    name: format!("Element {i}"),
                    description: String::new(),
                    x: (i % 800) as i32,
                    y: (i % 600) as i32,
                }
            }
            3..=7 => MapChange::ElementMoved {
                element_id: elements[i % elements.len()].clone(),
                x: i as i32 % 900,
                y: i as i32 % 700,
            },
            _ => MapChange::ElementEdited {
                element_id: elements[(i * 7) % elements.len()].clone(),
                name: format!("Renamed {i}"),
                description: "…".into(),
            },
        };
        let e = Event {
            project_id: project.into(),
            seq,
            id: format!("ev{seq}"),
            actor_id: "bench".into(),
            at_ms: seq,
            workshop_id: None,
            change: Entry::Change(change.into()),
        };
        state.apply(&e).unwrap();
        log.push(e);
    }
    log
}

async fn replay_and_state_at(r: &Running) {
    let log = synthetic_log("p", 100_000);
    let t = Instant::now();
    let state = ProjectState::replay("p", &log).unwrap();
    let fold = t.elapsed();
    let t = Instant::now();
    let walked: i64 = log.iter().map(|e| e.seq ^ e.change.kind().len() as i64).sum();
    let walk = t.elapsed();
    std::hint::black_box((state, walked));
    println!("replay (100,000 events in memory, ~30% adds, 50% moves, 20% renames):");
    println!("  {:>9.0} events/s folded", log.len() as f64 / fold.as_secs_f64());
    println!(
        "  ceiling: only walking the events (reading each one's kind): {:.0} events/s",
        log.len() as f64 / walk.as_secs_f64()
    );

    // A real 100,000-event project, written through the trail.
    let project = new_project(r, "Hundre tusen").await;
    let actor: String = {
        let (id,): (String,) = sqlx::query_as("SELECT id FROM users WHERE email = 'bench@example.org'")
            .fetch_one(&r.pool)
            .await
            .unwrap();
        id
    };
    // As a real project grows: a few hundred elements, then mostly moves
    // and renames (the state stays map-sized while the log grows).
    let submit = |command: Command| {
        let trail = r.trail.clone();
        let (project, actor) = (project.clone(), actor.clone());
        tokio::spawn(async move {
            trail
                .submit(Append {
                    project_id: project,
                    actor_id: actor,
                    workshop_id: None,
                    base_seq: None,
                    request: Request::Do(command.into()),
                    curator: true,
                    token: None,
                })
                .await
                .unwrap()
        })
    };
    let t = Instant::now();
    let total = 100_000;
    let map_id = submit(Command::CreateMap { name: "I dag".into() }).await.unwrap()[0]
        .change
        .clone();
    let Entry::Change(Change::Map(MapChange::MapCreated { map_id, .. })) = map_id else {
        unreachable!()
    };
    let mut elements = Vec::new();
    for i in 0..300 {
        let events = submit(Command::AddElement {
            map_id: map_id.clone(),
            kind: "unit".into(),
            name: format!("Element {i}"),
            description: String::new(),
            x: i,
            y: i,
        })
        .await
        .unwrap();
        if let Entry::Change(Change::Map(MapChange::ElementAdded { element_id, .. })) = &events[0].change {
            elements.push(element_id.clone());
        }
    }
    let mut written = 302;
    while written < total {
        let batch = (total - written).min(2000);
        let mut tasks = Vec::new();
        for i in 0..batch {
            let element_id = elements[(written + i) % elements.len()].clone();
            tasks.push(submit(if i % 4 == 0 {
                Command::EditElement {
                    element_id,
                    name: format!("Navn {i}"),
                    description: String::new(),
                }
            } else {
                Command::MoveElement {
                    element_id,
                    x: i as i32,
                    y: (i / 2) as i32,
                }
            }));
        }
        for task in tasks {
            task.await.unwrap();
        }
        written += batch;
    }
    let fill = t.elapsed();
    println!(
        "  (wrote the 100,000-event project through the trail in {:.1} s: {:.0} events/s with group commit)",
        fill.as_secs_f64(),
        total as f64 / fill.as_secs_f64()
    );
    let mut times = Vec::new();
    let mut snapshot_reads = Vec::new();
    for k in 0..20 {
        let seq = 100_000 - (k * 4_999) % 99_000;
        let t = Instant::now();
        let s = state_at::<Project>(&r.pool, &project, seq).await.unwrap();
        times.push(t.elapsed());
        assert_eq!(s.seq, seq);
        let t = Instant::now();
        let row: Option<(String,)> = sqlx::query_as(
            "SELECT state FROM snapshots WHERE project_id = $1 AND seq <= $2 ORDER BY seq DESC LIMIT 1",
        )
        .bind(&project)
        .bind(seq)
        .fetch_optional(&r.pool)
        .await
        .unwrap();
        std::hint::black_box(row);
        snapshot_reads.push(t.elapsed());
    }
    times.sort();
    snapshot_reads.sort();
    println!("state_at on a 100,000-event project (20 versions, snapshot every 256 events):");
    println!(
        "  median {:.1} ms   max {:.1} ms",
        ms(percentile(&times, 0.5)),
        ms(*times.last().unwrap())
    );
    println!(
        "  ceiling: reading the nearest snapshot row alone: median {:.1} ms",
        ms(percentile(&snapshot_reads, 0.5))
    );
}

/// When one client received which event.
type Arrivals = Vec<(Seq, Instant)>;

async fn fan_out(r: &Running) {
    let project = new_project(r, "Fan-out").await;
    let clients = 200;
    let changes = 1000;
    let arrivals: Arc<Mutex<Vec<Arrivals>>> = Arc::new(Mutex::new(Vec::new()));
    let mut readers = Vec::new();
    let ws_base = r.base.replace("http://", "ws://");
    for _ in 0..clients {
        let mut req = format!("{ws_base}/live/{project}?after=1")
            .into_client_request()
            .unwrap();
        req.headers_mut().insert("Cookie", r.cookie.parse().unwrap());
        req.headers_mut().insert("Origin", r.base.parse().unwrap());
        let (mut ws, _) = tokio_tungstenite::connect_async(req).await.unwrap();
        let arrivals = arrivals.clone();
        readers.push(tokio::spawn(async move {
            let mut seen = Vec::with_capacity(changes);
            while seen.len() < changes {
                match tokio::time::timeout(Duration::from_secs(20), ws.next()).await {
                    Ok(Some(Ok(Message::Text(text)))) => {
                        let now = Instant::now();
                        let m: LiveMessage<Change> = serde_json::from_str(&text).unwrap();
                        seen.extend(m.events.iter().map(|e| (e.seq, now)));
                    }
                    Ok(Some(Ok(_))) => {}
                    _ => break,
                }
            }
            arrivals.lock().unwrap().push(seen);
        }));
    }
    let actor: (String,) = sqlx::query_as("SELECT id FROM users WHERE email = 'bench@example.org'")
        .fetch_one(&r.pool)
        .await
        .unwrap();
    let mut started = Vec::with_capacity(changes);
    let mut tick = tokio::time::interval(Duration::from_millis(10));
    for i in 0..changes {
        tick.tick().await;
        let t = Instant::now();
        let events = r
            .trail
            .submit(Append {
                project_id: project.clone(),
                actor_id: actor.0.clone(),
                workshop_id: None,
                base_seq: None,
                request: Request::Do(
                    Command::CreateMap {
                        name: format!("m{i}"),
                    }
                    .into(),
                ),
                curator: true,
                token: None,
            })
            .await
            .unwrap();
        started.push((events[0].seq, t));
    }
    for reader in readers {
        reader.await.unwrap();
    }
    let arrivals = std::mem::take(&mut *arrivals.lock().unwrap());
    let complete = arrivals.iter().filter(|a| a.len() == changes).count();
    let mut worst = Vec::with_capacity(changes);
    for (seq, t0) in &started {
        let last = arrivals
            .iter()
            .filter_map(|a| a.iter().find(|(s, _)| s == seq).map(|(_, t)| *t))
            .max()
            .unwrap();
        worst.push(last.saturating_duration_since(*t0));
    }
    worst.sort();

    // Ceiling: the same fan-out inside the process, no sockets, no JSON.
    let (tx, _) = tokio::sync::broadcast::channel::<(Seq, Instant)>(4096);
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let mut rx = tx.subscribe();
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::with_capacity(200);
            while let Ok((_, t)) = rx.recv().await {
                lat.push(t.elapsed());
            }
            lat
        }));
    }
    for i in 0..200 {
        tokio::time::sleep(Duration::from_millis(2)).await;
        tx.send((i, Instant::now())).unwrap();
    }
    drop(tx);
    let mut bare: Vec<Duration> = Vec::new();
    for t in tasks {
        bare.extend(t.await.unwrap());
    }
    bare.sort();
    println!(
        "fan-out: 1 writer at 100 changes/s, {clients} WebSocket clients on loopback, {changes} changes:"
    );
    println!(
        "  write start → last client: p50 {:.1} ms   p95 {:.1} ms   p99 {:.1} ms   max {:.1} ms",
        ms(percentile(&worst, 0.5)),
        ms(percentile(&worst, 0.95)),
        ms(percentile(&worst, 0.99)),
        ms(*worst.last().unwrap())
    );
    println!("  clients that received every event: {complete} of {clients}");
    println!(
        "  ceiling: in-process broadcast to {clients} tasks: p95 {:.2} ms   p99 {:.2} ms",
        ms(percentile(&bare, 0.95)),
        ms(percentile(&bare, 0.99))
    );
}

/// What a page carries of the project's state in its HTML, for the demo:
/// the map page's slices as one member sees them, beside the whole state
/// with everyone's undo stacks (what every project page carried before
/// pages loaded their own slices).
async fn page_state(r: &Running) {
    server::demo::load(&r.trail).await.unwrap();
    let (project, lead): (String, String) = sqlx::query_as(
        "SELECT p.id, p.created_by FROM projects p JOIN users u ON u.id = p.created_by \
         WHERE u.email = $1",
    )
    .bind(server::demo::DEMO_EMAIL)
    .fetch_one(&r.pool)
    .await
    .unwrap();
    let head = r.trail.current(&project).await.unwrap();
    let viewer = app::trail::Viewer {
        user_id: lead,
        role: app::people::Role::Lead,
    };
    let whole = serde_json::to_string(&head.state).unwrap().len();
    let map_page = serde_json::to_string(&head.state.view_for(&["project", "map"], &viewer))
        .unwrap()
        .len();
    println!(
        "state sent with a page (the demo project, {} events):",
        head.state.seq
    );
    println!("  the map page (project and map slices, the reader's own undo): {map_page} bytes of JSON");
    println!("  the whole state with everyone's undo stacks (sent before): {whole} bytes");
}

#[tokio::main]
async fn main() {
    // `cargo bench` passes `--bench`; nothing to parse.
    let r = start().await;
    println!(
        "Samspill trail benchmarks ({} cores)\n",
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    );
    appends(&r).await;
    println!();
    replay_and_state_at(&r).await;
    println!();
    fan_out(&r).await;
    println!();
    page_state(&r).await;
}
