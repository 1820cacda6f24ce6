//! Embeds the bundled sample workspaces (`samples/<name>/`, without `out/`) so that
//! `zwgk init --sample <name>` works from the binary alone.

use std::fmt::Write as _;
use std::path::Path;

fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let rel = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        if path.is_dir() {
            // out/ is what runs write: watching it would rebuild after every run.
            if rel != "out" {
                println!("cargo:rerun-if-changed={}", path.display());
                walk(root, &path, out);
            }
        } else {
            out.push(rel);
        }
    }
}

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let samples = Path::new(&manifest).join("samples");
    let mut code = String::from("pub(crate) static SAMPLES: &[(&str, &str, &[u8])] = &[\n");
    let mut names: Vec<_> = std::fs::read_dir(&samples)
        .map(|d| {
            d.flatten()
                .filter(|e| e.path().is_dir())
                .map(|e| e.path())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    for dir in names {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut files = Vec::new();
        walk(&dir, &dir, &mut files);
        for rel in files {
            let full = dir.join(&rel);
            println!("cargo:rerun-if-changed={}", full.display());
            let _ = writeln!(
                code,
                "    ({name:?}, {rel:?}, include_bytes!({:?})),",
                full.display().to_string()
            );
        }
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("samples.rs");
    if let Err(e) = std::fs::write(&out, code) {
        panic!("cannot write {}: {e}", out.display());
    }
}
