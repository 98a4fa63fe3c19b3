//! HTTP to a Learning Record Store, through gloo-net (the browser's `fetch`): POST a batch of
//! statements, GET a page of them. What the answers mean is decided by the core
//! (`exchange::Delivery`, `exchange::parse_statement_page`).

use crate::exchange::{statements_url, Delivery, XAPI_VERSION};
use gloo_net::http::{Request, RequestBuilder};

fn with_headers(r: RequestBuilder, auth: &str) -> RequestBuilder {
    let r = r.header("X-Experience-API-Version", XAPI_VERSION);
    if auth.is_empty() {
        r
    } else {
        r.header("Authorization", auth)
    }
}

/// POSTs a JSON array of statements to `<endpoint>statements`. No answer (offline, refused
/// connection, CORS) is a [`Delivery::Retry`].
pub async fn post_statements(endpoint: &str, auth: &str, body: String) -> Delivery {
    let request = with_headers(Request::post(&statements_url(endpoint)), auth)
        .header("Content-Type", "application/json")
        .body(body);
    let request = match request {
        Ok(r) => r,
        Err(e) => return Delivery::Refused(format!("the request could not be made ({e})")),
    };
    match request.send().await {
        Ok(resp) => {
            let status = resp.status();
            let text = resp.text().await.unwrap_or_default();
            Delivery::of_status(status, &text)
        }
        Err(e) => Delivery::Retry(format!("no answer from the LRS ({e})")),
    }
}

/// GETs `url` with the LRS's headers: the status and the body's text, or why there was no
/// answer.
pub async fn get_text(url: &str, auth: &str) -> Result<(u16, String), String> {
    let resp = with_headers(Request::get(url), auth)
        .send()
        .await
        .map_err(|e| format!("no answer from the LRS ({e})"))?;
    let status = resp.status();
    let text = resp
        .text()
        .await
        .map_err(|e| format!("the LRS's answer could not be read ({e})"))?;
    Ok((status, text))
}
