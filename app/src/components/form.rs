//! Forms that call a server function: plain HTML forms that work without
//! JavaScript, sent by the page with it.

use leptos::either::Either;
use leptos::html::{form, Form};
use leptos::prelude::*;
use leptos::server::ServerActionError;
use leptos::server_fn::client::Client;
use leptos::server_fn::codec::{Encoding, FromRes, PostUrl};
use leptos::server_fn::error::{FromServerFnError, IntoAppError, ServerFnErrorErr, ServerFnUrlError};
use leptos::server_fn::redirect::call_redirect_hook;
use leptos::server_fn::request::ClientReq;
use leptos::server_fn::response::ClientRes;
use leptos::server_fn::{ContentType, Http, ServerFn};
use leptos::web_sys::SubmitEvent;

type Response<S> = <<S as ServerFn>::Client as Client<<S as ServerFn>::Error>>::Response;

/// Leptos's `ActionForm` with typed children. Leptos's takes them as an
/// `AnyView`, and every `AnyView` carries an async copy of its content's
/// hydration code, which nothing below a page's `Suspense` runs: with a
/// form on every row, that copy was a large part of a page's download
/// (README, "Delivery"). The redirect hook Leptos's sets is the router's
/// here: every form is inside it.
///
/// A submission sends the form's fields as the browser encodes them, not
/// a value decoded from them: the server decodes them anyway, and decoding
/// them in the browser too put a query-string decoder for every form's
/// arguments into the pages' code (README, "Delivery"). Fields the server
/// cannot read come back as its error, as they do without JavaScript.
#[component]
pub fn ActionForm<ServFn, OutputProtocol, C>(
    /// Where the form's answer goes.
    action: FormAction<ServFn>,
    /// A [`NodeRef`] in which the `<form>` element should be stored.
    #[prop(optional)]
    node_ref: Option<NodeRef<Form>>,
    children: TypedChildren<C>,
) -> impl IntoView
where
    C: IntoView + 'static,
    ServFn: ServerFn<Protocol = Http<PostUrl, OutputProtocol>> + Send + Sync + 'static,
    OutputProtocol: Encoding + 'static,
    ServFn::Output: FromRes<OutputProtocol, Response<ServFn>, ServFn::Error> + Send + Sync + 'static,
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
        let fields = fields_of(&ev);
        leptos::task::spawn_local(async move {
            let answer = match fields {
                Some(fields) => send::<ServFn, OutputProtocol>(fields).await,
                None => Err(ServerFnErrorErr::Serialization("no form data".into()).into_app_error()),
            };
            value.set(Some(answer));
            version.update(|n| *n += 1);
        });
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

/// The answer of the last submission of a form, and how many it has had:
/// what pages read of Leptos's `ServerAction`, without its client. An
/// action the page never dispatches itself needs no encoder of its
/// arguments nor an `Action`, and each server function's copy of both was
/// in the pages' code (README, "Delivery"). An action that code dispatches
/// (a drag on the map) stays a `ServerAction`.
pub struct FormAction<S: ServerFn> {
    value: RwSignal<Option<Result<S::Output, S::Error>>>,
    version: RwSignal<usize>,
}

impl<S: ServerFn> Clone for FormAction<S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S: ServerFn> Copy for FormAction<S> {}

impl<S> FormAction<S>
where
    S: ServerFn,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
{
    /// Without JavaScript a form posts, and the server sends the browser
    /// back with the error in the address; the page shows it as the
    /// form's answer, as `ServerAction::new` does.
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        let error = use_context::<ServerActionError>()
            .filter(|error| error.path() == S::PATH)
            .map(|error| Err(ServerFnUrlError::<S::Error>::decode_err(error.err())));
        FormAction {
            value: RwSignal::new(error),
            version: RwSignal::new(0),
        }
    }

    pub fn value(&self) -> RwSignal<Option<Result<S::Output, S::Error>>> {
        self.value
    }

    pub fn version(&self) -> RwSignal<usize> {
        self.version
    }
}

/// The fields of the submitted form, with the button that submitted it,
/// encoded as the form itself would send them.
fn fields_of(ev: &SubmitEvent) -> Option<String> {
    let data = leptos::form::form_data_from_event(ev).ok()?;
    let fields = leptos::web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).ok()?;
    fields.to_string().as_string()
}

/// What the server function's own client does with its arguments once
/// they are encoded: post them, decode the answer or the error, and follow
/// a redirect the server asks for.
async fn send<ServFn, OutputProtocol>(fields: String) -> Result<ServFn::Output, ServFn::Error>
where
    ServFn: ServerFn<Protocol = Http<PostUrl, OutputProtocol>>,
    OutputProtocol: Encoding,
    ServFn::Output: FromRes<OutputProtocol, Response<ServFn>, ServFn::Error>,
    ServFn::Client: Client<ServFn::Error>,
{
    let request =
        <<ServFn::Client as Client<ServFn::Error>>::Request as ClientReq<ServFn::Error>>::try_new_post(
            ServFn::url(),
            PostUrl::CONTENT_TYPE,
            OutputProtocol::CONTENT_TYPE,
            fields,
        )?;
    let response = ServFn::Client::send(request).await?;
    let status = response.status();
    let location = response.location();
    let redirect = response.has_redirect();
    let answer = if (400..=599).contains(&status) {
        Err(ServFn::Error::de(response.try_into_bytes().await?))
    } else {
        ServFn::Output::from_res(response).await
    };
    if answer.is_ok() && ((300..=399).contains(&status) || redirect) {
        call_redirect_hook(&location);
    }
    answer
}
