//! `hopscope report`: the committed investigated case gives the committed golden report and
//! tables byte for byte (the same the core's `export::report` makes, so the app's too), the
//! case file can be attached, and anything but a case file is refused with a message.

use std::process::Command;

fn repo(rel: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

fn temp(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("hopscope-report-{}-{name}", std::process::id()))
}

const FIXTURE: &str = "crates/hopscope_core/tests/data/report-investigated.hopscope.json";

#[test]
fn the_report_of_the_investigated_case_is_the_golden_one() {
    let (html, hops, cashout) = (temp("r.html"), temp("h.csv"), temp("c.csv"));
    let status = Command::new(env!("CARGO_BIN_EXE_hopscope"))
        .args(["report", repo(FIXTURE).to_str().unwrap(), "-o"])
        .arg(&html)
        .arg("--hops-csv")
        .arg(&hops)
        .arg("--cashout-csv")
        .arg(&cashout)
        .status()
        .unwrap();
    assert!(status.success());
    for (made, golden) in [
        (&html, "report-investigated.html"),
        (&hops, "report-investigated.hops.csv"),
        (&cashout, "report-investigated.cashout.csv"),
    ] {
        let got = std::fs::read(made).unwrap();
        let _ = std::fs::remove_file(made);
        let want =
            std::fs::read(repo(&format!("crates/hopscope_core/tests/golden/{golden}"))).unwrap();
        assert!(got == want, "{golden} differs");
    }
}

#[test]
fn the_case_can_be_attached_and_a_table_is_refused() {
    let html = temp("attached.html");
    let status = Command::new(env!("CARGO_BIN_EXE_hopscope"))
        .args([
            "report",
            repo(FIXTURE).to_str().unwrap(),
            "--attach-case",
            "-o",
        ])
        .arg(&html)
        .status()
        .unwrap();
    assert!(status.success());
    let text = std::fs::read_to_string(&html).unwrap();
    let _ = std::fs::remove_file(&html);
    assert!(text.contains("href=\"data:application/json;base64,"));

    let table = temp("t.csv");
    std::fs::write(&table, "from,to,amount\na,b,1\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_hopscope"))
        .args(["report", table.to_str().unwrap(), "-o"])
        .arg(temp("never.html"))
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&table);
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("a report is made from a hopscope case file"),
        "{err}"
    );
    assert!(!temp("never.html").exists());
}
