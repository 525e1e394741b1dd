//! `hopscope render` writes the same SVG as the core's `render_case` (the function the app's
//! export will use) — for a saved investigation too, with its trace re-run, its note and its
//! highlighted path drawn — and refuses a bad theme with a message.

use std::process::Command;

fn repo(rel: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

#[test]
fn render_writes_the_core_svg_of_the_case() {
    let out = std::env::temp_dir().join(format!("hopscope-render-{}.svg", std::process::id()));
    let status = Command::new(env!("CARGO_BIN_EXE_hopscope"))
        .args([
            "render",
            repo("cases/textbook-ten.json").to_str().unwrap(),
            "-o",
        ])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let got = std::fs::read_to_string(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    let want = std::fs::read_to_string(repo("crates/hopscope_core/tests/golden/textbook-ten.svg"))
        .unwrap();
    assert_eq!(got, want);
}

#[test]
fn a_bad_theme_is_refused_with_a_message() {
    let output = Command::new(env!("CARGO_BIN_EXE_hopscope"))
        .args([
            "render",
            repo("cases/textbook-ten.json").to_str().unwrap(),
            "-o",
            "/dev/null",
            "--theme",
            "pink",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("--theme pink: expected light or dark")
    );
}

#[test]
fn render_to_html_and_csv_by_the_output_name() {
    let dir = std::env::temp_dir().join(format!("hopscope-render-out-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let case = repo("cases/textbook-ten.json");
    for name in ["snap.html", "transfers.csv"] {
        let status = Command::new(env!("CARGO_BIN_EXE_hopscope"))
            .arg("render")
            .arg(&case)
            .arg("-o")
            .arg(dir.join(name))
            .status()
            .unwrap();
        assert!(status.success(), "{name}");
    }
    let html = std::fs::read_to_string(dir.join("snap.html")).unwrap();
    let golden =
        std::fs::read_to_string(repo("crates/hopscope_core/tests/golden/textbook-ten.svg"))
            .unwrap();
    assert!(html.starts_with("<!doctype html>") && html.contains(&golden));
    let csv = std::fs::read_to_string(dir.join("transfers.csv")).unwrap();
    assert!(csv.starts_with(
        "tx,time_utc,chain,from,from_label,to,to_label,asset,amount,block,usd_at_time,conversion\n"
    ));
    assert_eq!(
        csv.lines().count(),
        1 + 15,
        "the textbook case's 15 transfers"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn render_draws_the_saved_trace_note_and_path() {
    use hopscope_core::layout::Mode;
    use hopscope_core::model::Asset;
    use hopscope_core::trace::{Method, Pools};
    use hopscope_core::view::{Mark, View};

    let text = std::fs::read_to_string(repo("cases/textbook-ten.json")).unwrap();
    let mut case = hopscope_core::parse_case(&text).unwrap().value;
    let named = |label: &str| {
        case.graph
            .nodes()
            .find(|(_, n)| n.label.as_deref() == Some(label))
            .map(|(id, _)| id)
            .unwrap()
    };
    let path = vec![named("Victim wallet"), named("Thief"), named("Split A")];
    let mut view = View::all(&case);
    view.set_note(Mark::Node(path[1]), "seen first <here>", Some("#aa00ff"));
    let eth = Asset::new("ETH");
    case.investigation = Some(hopscope_core::case_file::with_path(
        hopscope_core::case_file::save(
            &case,
            &view,
            &[],
            Mode::Free,
            Some((Method::Fifo, &eth, Pools::Absorb, true)),
        ),
        &case,
        &path,
    ));
    let file =
        std::env::temp_dir().join(format!("hopscope-investigated-{}.json", std::process::id()));
    std::fs::write(&file, hopscope_core::format::write_case_v1(&case)).unwrap();
    let out = file.with_extension("svg");
    let status = Command::new(env!("CARGO_BIN_EXE_hopscope"))
        .arg("render")
        .arg(&file)
        .arg("-o")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let got = std::fs::read_to_string(&out).unwrap();
    let reread = hopscope_core::parse_case(&std::fs::read_to_string(&file).unwrap())
        .unwrap()
        .value;
    let _ = std::fs::remove_file(&file);
    let _ = std::fs::remove_file(&out);
    assert_eq!(
        got,
        hopscope_core::export::render_case(&reread, &Default::default())
    );
    assert!(got.contains("<g class=\"path\""), "the path");
    assert!(got.contains("fill=\"#c0111f\"/>"), "the trace");
    assert!(
        got.contains("Note: seen first &lt;here&gt;</title>"),
        "the note"
    );
    assert!(got.contains("stolen ETH traced from the seeds by FIFO"));
}
