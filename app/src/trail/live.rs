//! The browser's end of live updates: one WebSocket per open project page.
//! Arriving events go through the same reducer as on the server. After a
//! drop it reconnects from the last event it applied, so nothing is lost or
//! applied twice.

use super::domain::Domain;
use super::event::{Change, Event, Seq};
use super::state::State;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::future::Future;
use std::pin::Pin;

/// One message on the stream: it covers the versions after `after` up to
/// `through`, and holds those of their events the viewer may see, in order.
/// Versions in between with no event here were used by events the viewer
/// does not receive.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(bound(serialize = "C: Change", deserialize = "C: Change"))]
pub struct LiveMessage<C> {
    pub after: Seq,
    pub through: Seq,
    pub events: Vec<Event<C>>,
}

/// Close code meaning access has ended: do not reconnect.
pub const CLOSE_NO_ACCESS: u16 = 4403;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiveStatus {
    Connecting,
    Live,
    Reconnecting,
    /// The person is no longer a member.
    Ended,
}

/// Applies what arrived; `false` if the stream skipped something, which the
/// caller answers by reconnecting from the state's version.
pub fn apply_arrived<D: Domain>(state: &mut State<D>, message: &LiveMessage<D::Change>) -> bool {
    if message.after > state.seq {
        return false; // something between is missing
    }
    for e in &message.events {
        if e.seq <= state.seq {
            continue; // already applied (a resent page after reconnecting)
        }
        // The versions before it went to events this viewer does not see.
        state.skip_to(e.seq - 1);
        if state.apply(e).is_err() {
            return false;
        }
    }
    state.skip_to(message.through);
    true
}

/// Reads one message of the stream and applies it; `false` if the stream
/// skipped something. The registry makes its domain's from [`arrive_now`]
/// as a lazily loaded function (`crate::features::arrive`).
pub type Arrive<D> = fn(RwSignal<State<D>>, String) -> Pin<Box<dyn Future<Output = bool>>>;

/// What an [`Arrive`] does. A message that does not parse is dropped, as
/// before; a page that has gone away has nothing to apply it to.
pub fn arrive_now<D: Domain>(state: RwSignal<State<D>>, text: &str) -> bool {
    let Ok(message) = serde_json::from_str::<LiveMessage<D::Change>>(text) else {
        return true;
    };
    state.try_update(|s| apply_arrived(s, &message)).unwrap_or(true)
}

/// Keeps `state` in step with the server while the calling component lives.
pub fn follow<D: Domain>(
    project_id: String,
    state: RwSignal<State<D>>,
    status: RwSignal<LiveStatus>,
    arrive: Arrive<D>,
) {
    #[cfg(feature = "hydrate")]
    client::follow(project_id, state, status, arrive);
    #[cfg(not(feature = "hydrate"))]
    let _ = (project_id, state, status, arrive);
}

#[cfg(feature = "hydrate")]
mod client {
    use super::*;
    use send_wrapper::SendWrapper;
    use std::cell::{Cell, RefCell};
    use std::collections::VecDeque;
    use std::rc::Rc;
    use wasm_bindgen::{closure::Closure, JsCast};
    use web_sys::{CloseEvent, MessageEvent, WebSocket};

    struct Link<D: Domain> {
        project_id: String,
        state: RwSignal<State<D>>,
        status: RwSignal<LiveStatus>,
        socket: RefCell<Option<WebSocket>>,
        alive: Cell<bool>,
        failures: Cell<u32>,
        arrive: Arrive<D>,
        /// Messages not yet applied. Applying waits for its code the first
        /// time, and messages must be applied in the order they came.
        inbox: RefCell<VecDeque<String>>,
        applying: Cell<bool>,
    }

    pub fn follow<D: Domain>(
        project_id: String,
        state: RwSignal<State<D>>,
        status: RwSignal<LiveStatus>,
        arrive: Arrive<D>,
    ) {
        let link = Rc::new(Link {
            project_id,
            state,
            status,
            socket: RefCell::new(None),
            alive: Cell::new(true),
            failures: Cell::new(0),
            arrive,
            inbox: RefCell::new(VecDeque::new()),
            applying: Cell::new(false),
        });
        // Opened in a task of its own, after the page has hydrated: creating
        // the socket took 70-90 ms of a project page's hydration with the CPU
        // slowed four times, as Lighthouse's phone is. The stream starts from
        // the state's version whenever it opens.
        let first = SendWrapper::new(link.clone());
        set_timeout(move || connect(first.take()), std::time::Duration::ZERO);
        let on_leave = SendWrapper::new(link);
        on_cleanup(move || {
            on_leave.alive.set(false);
            if let Some(ws) = on_leave.socket.borrow_mut().take() {
                let _ = ws.close();
            }
        });
    }

    fn connect<D: Domain>(link: Rc<Link<D>>) {
        if !link.alive.get() {
            return;
        }
        let location = window().location();
        let scheme = if location.protocol().ok().as_deref() == Some("https:") {
            "wss"
        } else {
            "ws"
        };
        let host = location.host().unwrap_or_default();
        let after = link.state.with_untracked(|s| s.seq);
        let url = format!("{scheme}://{host}/live/{}?after={after}", link.project_id);
        let Ok(ws) = WebSocket::new(&url) else {
            retry_later(link);
            return;
        };

        let on_open = {
            let link = link.clone();
            Closure::<dyn FnMut()>::new(move || {
                link.failures.set(0);
                link.status.set(LiveStatus::Live);
            })
        };
        let on_message = {
            let link = link.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |m: MessageEvent| {
                let Some(text) = m.data().as_string() else { return };
                link.inbox.borrow_mut().push_back(text);
                if !link.applying.replace(true) {
                    leptos::task::spawn_local(apply_inbox(link.clone()));
                }
            })
        };
        let on_close = {
            let link = link.clone();
            Closure::<dyn FnMut(CloseEvent)>::new(move |c: CloseEvent| {
                link.socket.borrow_mut().take();
                if c.code() == CLOSE_NO_ACCESS {
                    link.status.set(LiveStatus::Ended);
                } else if link.alive.get() {
                    link.status.set(LiveStatus::Reconnecting);
                    retry_later(link.clone());
                }
            })
        };
        ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        // They live as long as the socket, which outlives this function.
        on_open.forget();
        on_message.forget();
        on_close.forget();
        *link.socket.borrow_mut() = Some(ws);
    }

    async fn apply_inbox<D: Domain>(link: Rc<Link<D>>) {
        loop {
            let next = link.inbox.borrow_mut().pop_front();
            let Some(text) = next else { break };
            if !link.alive.get() {
                break;
            }
            if !(link.arrive)(link.state, text).await {
                // What is still queued came after the gap: reconnect from
                // what we have (onclose does the rest) and get it again.
                link.inbox.borrow_mut().clear();
                if let Some(ws) = link.socket.borrow().as_ref() {
                    let _ = ws.close();
                }
            }
        }
        link.applying.set(false);
    }

    fn retry_later<D: Domain>(link: Rc<Link<D>>) {
        let n = link.failures.get();
        link.failures.set(n + 1);
        // 0.5 s, 1 s, 2 s, … up to 10 s.
        let delay = (500u64 << n.min(5)).min(10_000);
        let again = SendWrapper::new(link);
        set_timeout(
            move || connect(again.take()),
            std::time::Duration::from_millis(delay),
        );
    }
}
