//! `sosmeta validate` over an archive: folders, all cores, every file's verdict in order,
//! a summary, a progress bar only on a terminal; `sosmeta completions`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::support::*;

const S: &str = "structures/demo-kertomus.json";

fn sosmeta(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sosmeta"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

/// An archive: `n` documents in nested folders — valid, invalid and unreadable ones —
/// and files that are not `*.json`. Returns the folder and the documents in name order.
fn archive(name: &str, n: usize) -> (PathBuf, Vec<PathBuf>) {
    let dir = scratch(name);
    let valid =
        std::fs::read_to_string(root().join("tests/data/demo-kertomus.filled.json")).unwrap();
    let mut docs = Vec::new();
    for i in 0..n {
        let sub = dir.join(format!("y{}", i % 3)).join(format!("m{}", i % 2));
        std::fs::create_dir_all(&sub).unwrap();
        let p = sub.join(format!("d{i:04}.json"));
        let text = match i % 5 {
            3 => r#"{"demo_asiakaskertomus":{"merkinta":""}}"#.to_string(),
            4 => "{not json".to_string(),
            _ => valid.clone(),
        };
        std::fs::write(&p, text).unwrap();
        std::fs::write(sub.join(format!("d{i:04}.txt")), "not a document").unwrap();
        docs.push(p);
    }
    docs.sort();
    (dir, docs)
}

fn lines(o: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The issue: "`sosmeta validate S PATH…` takes files and folders (recursively,
/// `*.json`)… `--json` gives one object per file (valid ones too) and a final summary
/// object."
#[test]
fn a_folder_is_validated_file_by_file_in_name_order_with_a_summary() {
    let (dir, docs) = archive("archive-json", 20);
    let o = sosmeta(&[
        "validate",
        S,
        dir.to_str().unwrap(),
        "--json",
        "--jobs",
        "3",
    ]);
    assert_eq!(o.status.code(), Some(2), "unreadable files make it exit 2");
    let ls = lines(&o);
    assert_eq!(
        ls.len(),
        docs.len() + 1,
        "one object per *.json file, then the summary"
    );
    for (line, doc) in ls.iter().zip(&docs) {
        assert_eq!(line["file"], doc.to_str().unwrap(), "in name order");
        let i: usize = doc.file_stem().unwrap().to_str().unwrap()[1..]
            .parse()
            .unwrap();
        let want = match i % 5 {
            3 => "invalid",
            4 => "unreadable",
            _ => "valid",
        };
        assert_eq!(line["status"], want, "{line}");
        match want {
            "valid" => assert_eq!(line["issues"], serde_json::json!([])),
            "invalid" => assert!(line["errors"].as_u64().unwrap() > 0),
            _ => assert!(line["error"].as_str().unwrap().contains("not valid JSON")),
        }
    }
    let summary = &ls[docs.len()]["summary"];
    assert_eq!(summary["files"], 20);
    assert_eq!(summary["valid"], 12);
    assert_eq!(summary["invalid"], 4);
    assert_eq!(summary["unreadable"], 4);
    assert_eq!(summary["jobs"], 3);
    // Text: the same verdicts, the summary on standard error.
    let o = sosmeta(&["validate", S, dir.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("20 files: 12 valid, 4 invalid, 4 unreadable"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// "runs on all cores": the verdicts do not depend on how many run at once, nor does
/// their order (300 files: more than one slice of eight workers' results).
#[test]
fn the_output_is_the_same_on_one_core_and_on_many() {
    let (dir, _) = archive("archive-jobs", 300);
    let d = dir.to_str().unwrap();
    let one = sosmeta(&["validate", S, d, "--jobs", "1"]);
    let many = sosmeta(&["validate", S, d, "--jobs", "8"]);
    assert_eq!(one.stdout, many.stdout);
    assert_eq!(one.status.code(), many.status.code());
    let strip = |o: &Output| {
        let e = String::from_utf8_lossy(&o.stderr).into_owned();
        e.lines()
            .filter(|l| !l.contains(" files: "))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&one), strip(&many));
    let _ = std::fs::remove_dir_all(&dir);
}

/// "shows a progress bar on a terminal (none when piped)", checked with a
/// pseudo-terminal.
#[cfg(target_os = "linux")]
#[test]
fn the_progress_bar_is_drawn_on_a_terminal_only() {
    use std::io::Read;
    use std::os::fd::FromRawFd;
    let (dir, _) = archive("archive-tty", 200);
    let d = dir.to_str().unwrap();
    let piped = sosmeta(&["validate", S, d]);
    assert!(
        !String::from_utf8_lossy(&piped.stderr).contains("/200 files"),
        "no bar when standard error is not a terminal"
    );
    let (mut master, mut slave) = (0, 0);
    // SAFETY: openpty writes two descriptors into the two integers given.
    let r = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(r, 0, "openpty");
    // SAFETY: `slave` is a descriptor openpty just opened, owned here.
    let tty = unsafe { std::fs::File::from_raw_fd(slave) };
    let mut child = Command::new(env!("CARGO_BIN_EXE_sosmeta"))
        .args(["validate", S, d, "--jobs", "1"])
        .current_dir(root())
        .env("TERM", "xterm")
        .stdout(std::process::Stdio::null())
        .stderr(tty)
        .spawn()
        .unwrap();
    // SAFETY: `master` is a descriptor openpty just opened, owned here.
    let mut m = unsafe { std::fs::File::from_raw_fd(master) };
    let reader = std::thread::spawn(move || {
        let mut all = Vec::new();
        let mut buf = [0u8; 4096];
        // Reading the master ends with EIO once the child (the last holder of the
        // terminal) is gone.
        while let Ok(n) = m.read(&mut buf) {
            if n == 0 {
                break;
            }
            all.extend_from_slice(&buf[..n]);
        }
        all
    });
    assert!(child.wait().unwrap().code().is_some());
    let seen = String::from_utf8_lossy(&reader.join().unwrap()).into_owned();
    assert!(
        seen.contains("/200 files"),
        "the bar on the terminal: {seen:?}"
    );
    assert!(seen.contains("200 files: 120 valid, 40 invalid, 40 unreadable"));
    let _ = std::fs::remove_dir_all(Path::new(d));
}

/// "`sosmeta completions bash|zsh|fish`" (and the other shells clap_complete knows; an
/// unknown one is a usage error).
#[test]
fn completions_are_printed_for_three_shells() {
    for shell in ["bash", "zsh", "fish"] {
        let o = sosmeta(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}");
        let text = String::from_utf8_lossy(&o.stdout);
        assert!(
            text.contains("validate") && text.contains("render") && text.contains("max-bytes"),
            "{shell}: {text}"
        );
    }
    assert_eq!(sosmeta(&["completions", "tcsh"]).status.code(), Some(2));
}
