//! `hopscope stats` end to end: the real binary on the bundled cases and on bad files.

use std::path::PathBuf;
use std::process::Command;

fn hopscope(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_hopscope"))
        .args(args)
        .output()
        .expect("run hopscope");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn repo_file(rel: &str) -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.join(rel).to_string_lossy().into_owned()
}

fn temp_file(name: &str, body: &[u8]) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join(name);
    std::fs::write(&path, body).expect("write temp file");
    path.to_string_lossy().into_owned()
}

#[test]
fn prints_the_figures_of_the_bundled_demo_case() {
    let (code, stdout, stderr) = hopscope(&["stats", &repo_file("cases/htx-2023-tornado.json")]);
    assert_eq!(code, 0, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(stdout.trim()).expect("valid JSON");
    assert_eq!(v["format"], "hopscope-case-v1");
    assert_eq!(v["nodes"], 68);
    assert_eq!(v["transfers"], 180);
    assert_eq!(v["assets"], serde_json::json!(["ETH", "USDT"]));
    assert_eq!(v["first"], 1_700_635_931);
    assert_eq!(v["last"], 1_714_524_534);
    assert!(stderr.is_empty(), "no warnings: {stderr}");
}

#[test]
fn prints_one_json_line_for_the_textbook_case() {
    let (code, stdout, _) = hopscope(&["stats", &repo_file("cases/textbook-ten.json")]);
    assert_eq!(code, 0);
    assert_eq!(stdout.lines().count(), 1);
    let v: serde_json::Value = serde_json::from_str(stdout.trim()).expect("valid JSON");
    assert_eq!(v["format"], "hopscope-case-v1");
    assert_eq!(v["nodes"], 10);
    assert_eq!(v["transfers"], 15);
    assert_eq!(v["assets"], serde_json::json!(["ETH"]));
    assert_eq!(v["first"], 1_704_877_200);
    assert_eq!(v["last"], 1_705_741_200);
}

#[test]
fn bad_files_exit_2_with_file_line_and_cause() {
    let truncated = temp_file(
        "truncated.json",
        b"{\"format\":\"hopscope-case\",\"version\":1,\n\"nodes\":[{\"id\":\"a\"",
    );
    let (code, stdout, stderr) = hopscope(&["stats", &truncated]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(stderr.contains("truncated.json: line 2"), "{stderr}");
    assert!(stderr.contains("truncated"), "{stderr}");

    let (code, _, stderr) = hopscope(&["stats", "/no/such/file.json"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("/no/such/file.json: cannot read"),
        "{stderr}"
    );

    let binary = temp_file("binary.json", &[0x7b, 0x0a, 0xff, 0xfe]);
    let (code, _, stderr) = hopscope(&["stats", &binary]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("line 2, column 1: the file is not UTF-8"),
        "{stderr}"
    );

    let (code, _, _) = hopscope(&["frobnicate"]);
    assert_eq!(code, 2);
}

fn stats_json(files: &[&str]) -> serde_json::Value {
    let mut args = vec!["stats"];
    args.extend_from_slice(files);
    let (code, stdout, stderr) = hopscope(&args);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(stdout.trim()).expect("valid JSON")
}

#[test]
fn stats_merges_files_of_different_formats() {
    let normal = repo_file("crates/hopscope_core/test_data/etherscan/normal-2024.csv");
    let tokens = repo_file("crates/hopscope_core/test_data/etherscan_api/tokentx.json");
    let v = stats_json(&[&normal, &tokens]);
    assert_eq!(
        v["format"],
        serde_json::json!(["etherscan-csv", "etherscan-api-json"])
    );
    assert_eq!(v["transfers"], 4, "3 from the CSV and 1 from the API");
    let twice = stats_json(&[&normal, &normal]);
    assert_eq!(twice["transfers"], 3, "the same transfers are kept once");
}

#[test]
fn convert_writes_each_format_and_reads_back_the_same_case() {
    let demo = repo_file("cases/htx-2023-tornado.json");
    let expected = stats_json(&[&demo]);
    for to in ["case", "graphml", "gexf", "cytoscape"] {
        let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("demo.{to}"));
        let out = out.to_string_lossy().into_owned();
        let (code, _, stderr) = hopscope(&["convert", &demo, "--to", to, "-o", &out]);
        assert_eq!(code, 0, "{to}: {stderr}");
        let back = stats_json(&[&out]);
        for field in ["nodes", "transfers", "assets", "first", "last"] {
            assert_eq!(back[field], expected[field], "{to}: {field}");
        }
    }
    let (code, _, stderr) = hopscope(&["convert", &demo, "--to", "pdf", "-o", "/tmp/x"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("expected case, graphml, gexf or cytoscape"),
        "{stderr}"
    );
}

#[test]
fn a_label_list_given_with_the_files_labels_the_case_and_escapes_never_reach_the_terminal() {
    let demo = repo_file("cases/textbook-ten.json");
    let list = temp_file(
        "labels.csv",
        b"address,label,category,source\nnot-in-case,\x1b[31mred,exchange,x\n",
    );
    let (code, stdout, _) = hopscope(&["stats", &demo, &list]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(v["nodes"], 10, "a label list adds no addresses");
    let bad = temp_file("bad-row.csv", b"from,to,amount\n\x1b[2Jx,y,zz\n");
    let (_, _, stderr) = hopscope(&["stats", &bad]);
    assert!(!stderr.contains('\x1b'), "{stderr:?}");
    assert!(
        stderr.contains("\u{fffd}[2Jx") || stderr.contains("zz"),
        "{stderr:?}"
    );
}
