//! `hopscope render` writes the same SVG as the core's `render_case` (the function the app's
//! export will use), and refuses a bad theme with a message.

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
    assert!(csv.starts_with("tx,time_utc,chain,from,from_label,to,to_label,asset,amount,block\n"));
    assert_eq!(
        csv.lines().count(),
        1 + 15,
        "the textbook case's 15 transfers"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
