//! wasm-bindgen tests of the Leptos layer in headless Chromium: the app mounts with the demo
//! case, a file given to the file input opens (or shows the error banner and keeps the open
//! case), and markup in a file stays text. A small page object reads `data-testid` hooks.
#![cfg(target_arch = "wasm32")]

use hopscope_app::{App, DEMO_CASE};
use hopscope_core::stats::CaseStats;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The mounted app, seen through its test hooks.
struct AppPage {
    root: web_sys::HtmlElement,
}

impl AppPage {
    fn mount() -> AppPage {
        let document = web_sys::window().unwrap().document().unwrap();
        let root: web_sys::HtmlElement =
            document.create_element("div").unwrap().dyn_into().unwrap();
        document.body().unwrap().append_child(&root).unwrap();
        let handle = leptos::mount::mount_to(root.clone(), App);
        handle.forget();
        AppPage { root }
    }

    fn find(&self, test_id: &str) -> Option<web_sys::Element> {
        self.root
            .query_selector(&format!("[data-testid='{test_id}']"))
            .unwrap()
    }

    fn text(&self, test_id: &str) -> String {
        self.find(test_id)
            .and_then(|e| e.text_content())
            .unwrap_or_default()
    }

    /// Gives the file input one file, as a user picking it would.
    fn pick_file(&self, name: &str, body: &str) {
        let parts = js_sys::Array::of1(&body.into());
        let file = web_sys::File::new_with_str_sequence(&parts, name).unwrap();
        let transfer = web_sys::DataTransfer::new().unwrap();
        transfer.items().add_with_file(&file).unwrap();
        let input: web_sys::HtmlInputElement = self.find("file-input").unwrap().dyn_into().unwrap();
        input.set_files(transfer.files().as_ref());
        input
            .dispatch_event(&web_sys::Event::new("change").unwrap())
            .unwrap();
    }

    async fn wait_for(&self, what: &str, condition: impl Fn(&AppPage) -> bool) {
        for _ in 0..200 {
            if condition(self) {
                return;
            }
            sleep_ms(20).await;
        }
        panic!(
            "timed out waiting for {what}; stats = {:?}",
            self.text("graph-stats")
        );
    }

    fn remove(self) {
        self.root.remove();
    }
}

async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn summary_of(text: &str) -> String {
    let imported = hopscope_core::parse_case(text).unwrap();
    CaseStats::of(&imported.value, imported.format).summary()
}

const TEXTBOOK: &str = include_str!("../cases/textbook-ten.json");

#[wasm_bindgen_test]
async fn mounts_with_the_demo_case_and_its_figures() {
    let page = AppPage::mount();
    page.wait_for("the demo case", |p| {
        p.text("graph-stats") == summary_of(DEMO_CASE)
    })
    .await;
    assert!(page.find("graph-canvas").is_some());
    assert!(page.find("error-banner").is_none());
    assert!(page.text("node-inspector").contains("Click a node"));
    page.remove();
}

#[wasm_bindgen_test]
async fn a_picked_file_opens_and_a_broken_one_keeps_the_case() {
    let page = AppPage::mount();
    page.pick_file("textbook-ten.json", TEXTBOOK);
    page.wait_for("the second case", |p| {
        p.text("graph-stats") == summary_of(TEXTBOOK)
    })
    .await;

    page.pick_file(
        "broken.json",
        "{\"format\": \"hopscope-case\", \"version\": 1, \"nodes\": [",
    );
    page.wait_for("the error banner", |p| p.find("error-banner").is_some())
        .await;
    let message = page.text("error-banner");
    assert!(
        message.starts_with("broken.json: line 1, column"),
        "{message}"
    );
    assert_eq!(
        page.text("graph-stats"),
        summary_of(TEXTBOOK),
        "the open case is kept"
    );
    page.remove();
}

#[wasm_bindgen_test]
async fn markup_in_a_file_is_shown_as_text() {
    let page = AppPage::mount();
    let hostile = r#"{"format": "hopscope-case", "version": 1, "title": "<b id=injected>bold</b>",
        "nodes": [{"id": "x", "label": "<script>1</script>"}], "transfers": []}"#;
    page.pick_file("hostile.json", hostile);
    page.wait_for("the hostile case", |p| {
        p.text("graph-stats") == "1 node · 0 transfers"
    })
    .await;
    let document = web_sys::window().unwrap().document().unwrap();
    assert!(
        document.get_element_by_id("injected").is_none(),
        "no element from the file"
    );
    assert!(page
        .root
        .text_content()
        .unwrap_or_default()
        .contains("<b id=injected>bold</b>"));
    page.remove();
}

/// The layout engine gives, in the browser's wasm, bit for bit the positions it gives natively:
/// the same fingerprint as the native test (`crates/hopscope_core/tests/layout.rs`) checks.
#[wasm_bindgen_test]
fn layout_in_wasm_matches_the_native_fingerprint() {
    let case = hopscope_core::parse_case(DEMO_CASE).unwrap().value;
    let input = hopscope_core::style::Scene::of(&case).layout_input();
    let got = hopscope_core::layout::demo_fingerprint(&input);
    let want =
        include_str!("../crates/hopscope_core/tests/golden/demo-layout-fingerprint.txt").trim();
    assert_eq!(format!("{got:#x}"), want);
}
