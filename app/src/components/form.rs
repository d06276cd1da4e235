//! Forms that call a server function: plain HTML forms that work without
//! JavaScript, sent by the server action with it.

use leptos::either::Either;
use leptos::form::FromFormData;
use leptos::html::{form, Form};
use leptos::prelude::*;
use leptos::server_fn::client::Client;
use leptos::server_fn::codec::PostUrl;
use leptos::server_fn::error::{IntoAppError, ServerFnErrorErr};
use leptos::server_fn::request::ClientReq;
use leptos::server_fn::{Http, ServerFn};
use leptos::web_sys::{FormData, SubmitEvent};
use serde::de::DeserializeOwned;

/// Leptos's `ActionForm` with typed children. Leptos's takes them as an
/// `AnyView`, and every `AnyView` carries an async copy of its content's
/// hydration code, which nothing below a page's `Suspense` runs: with a
/// form on every row, that copy was a large part of a page's download
/// (README, "Delivery"). The redirect hook Leptos's sets is the router's
/// here: every form is inside it.
#[component]
pub fn ActionForm<ServFn, OutputProtocol, C>(
    /// The action the form dispatches.
    action: ServerAction<ServFn>,
    /// A [`NodeRef`] in which the `<form>` element should be stored.
    #[prop(optional)]
    node_ref: Option<NodeRef<Form>>,
    children: TypedChildren<C>,
) -> impl IntoView
where
    C: IntoView + 'static,
    ServFn:
        DeserializeOwned + ServerFn<Protocol = Http<PostUrl, OutputProtocol>> + Clone + Send + Sync + 'static,
    <<ServFn::Client as Client<ServFn::Error>>::Request as ClientReq<ServFn::Error>>::FormData:
        From<FormData>,
    ServFn::Output: Send + Sync + 'static,
    ServFn::Error: Send + Sync + 'static,
    <ServFn as ServerFn>::Client: Client<<ServFn as ServerFn>::Error>,
{
    let version = action.version();
    let value = action.value();
    let on_submit = move |ev: SubmitEvent| {
        if ev.default_prevented() {
            return;
        }
        ev.prevent_default();
        match ServFn::from_event(&ev) {
            Ok(input) => {
                action.dispatch(input);
            }
            Err(err) => {
                leptos::logging::error!(
                    "Error converting form field into server function arguments: {err:?}"
                );
                value.set(Some(Err(
                    ServerFnErrorErr::Serialization(err.to_string()).into_app_error()
                )));
                version.update(|n| *n += 1);
            }
        }
    };
    let form = form()
        .action(ServFn::url())
        .method("post")
        .on(leptos::ev::submit, on_submit)
        .child(children.into_inner()());
    match node_ref {
        Some(node_ref) => Either::Left(form.node_ref(node_ref)),
        None => Either::Right(form),
    }
}
