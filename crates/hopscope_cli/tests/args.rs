//! The command line itself: `--help` for the tool and each command names that command's
//! options (and only those), `--version`, and mistakes refused with a message naming the
//! argument and the cause, exit code 2, nothing written.

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

fn case() -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.join("cases/textbook-ten.json")
        .to_string_lossy()
        .into_owned()
}

fn out_file(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_file(&path);
    path.to_string_lossy().into_owned()
}

#[test]
fn help_for_each_command_names_its_options() {
    const IMPORT: [&str; 3] = ["--chain <C>", "--asset <A>", "--decimals <D>"];
    let cases: [(&str, &[&str], &[&str]); 3] = [
        (
            "stats",
            &["<FILE>..."],
            &["--to", "--out", "--width", "--theme"],
        ),
        (
            "convert",
            &[
                "<FILE>...",
                "--to <FORMAT>",
                "-o, --out <OUT>",
                "[possible values: case, graphml, gexf, cytoscape]",
            ],
            &["--width", "--theme"],
        ),
        (
            "render",
            &[
                "<CASE>...",
                "-o, --out <OUT>",
                "--width <W>",
                "--height <H>",
                "--theme <THEME>",
                "[possible values: light, dark]",
                "--transparent",
            ],
            &["--to "],
        ),
    ];
    for (command, named, not_named) in cases {
        let (code, stdout, stderr) = hopscope(&[command, "--help"]);
        assert_eq!(code, 0, "{command}: {stderr}");
        assert!(
            stdout.contains(&format!("Usage: hopscope {command} ")),
            "{stdout}"
        );
        for option in named.iter().chain(&IMPORT) {
            assert!(
                stdout.contains(option),
                "{command} --help: {option}\n{stdout}"
            );
        }
        for option in not_named {
            assert!(
                !stdout.contains(option),
                "{command} --help: {option}\n{stdout}"
            );
        }
    }
    let (code, stdout, _) = hopscope(&["--help"]);
    assert_eq!(code, 0);
    for command in ["stats", "convert", "render"] {
        assert!(stdout.contains(&format!("\n  {command} ")), "{stdout}");
    }
    let (code, stdout, _) = hopscope(&["--version"]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout.trim(),
        format!("hopscope {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn a_bad_option_is_refused_naming_it() {
    let out = out_file("misspelt.svg");
    let (code, stdout, stderr) = hopscope(&["render", &case(), "-o", &out, "--widht", "300"]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(stderr.contains("unexpected argument '--widht'"), "{stderr}");
    assert!(stderr.contains("'--width'"), "the near miss: {stderr}");
    assert!(!std::path::Path::new(&out).exists(), "nothing written");

    // An option of another command.
    let (code, _, stderr) = hopscope(&["stats", &case(), "--theme", "dark"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("'--theme'"), "{stderr}");

    // Missing pieces: the input, the output, a value.
    let (code, _, stderr) = hopscope(&["stats"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("<FILE>"), "{stderr}");
    let (code, _, stderr) = hopscope(&["render", &case()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--out <OUT>"), "{stderr}");
    let (code, _, stderr) = hopscope(&["stats", &case(), "--chain"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("a value is required for '--chain <C>'"),
        "{stderr}"
    );

    // Values out of range or of the wrong kind: the option, the value and what it expects.
    let (code, _, stderr) = hopscope(&["render", &case(), "-o", &out, "--width", "10"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("hopscope: --width 10: expected a number of pixels from 200 to 20000"),
        "{stderr}"
    );
    let (code, _, stderr) = hopscope(&["stats", &case(), "--decimals", "x"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("--decimals x: expected a whole number"),
        "{stderr}"
    );
    assert!(!std::path::Path::new(&out).exists(), "nothing written");
}

#[test]
fn an_unknown_format_to_convert_to_is_refused_naming_the_allowed_ones() {
    let out = out_file("converted.pdf");
    let (code, stdout, stderr) = hopscope(&["convert", &case(), "--to", "pdf", "-o", &out]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert_eq!(
        stderr,
        "hopscope: --to pdf: expected case, graphml, gexf or cytoscape\n"
    );
    assert!(!std::path::Path::new(&out).exists(), "nothing written");
    let (code, _, stderr) = hopscope(&["convert", &case(), "-o", &out, "--to"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("[possible values: case, graphml, gexf, cytoscape]"),
        "{stderr}"
    );
}
