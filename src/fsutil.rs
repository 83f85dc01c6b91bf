//! Writing output files safely: never over an existing file without `force`, always atomically
//! (a temporary file in the same folder, then rename), so a failure leaves the old file or
//! nothing, never a partial one.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Writes all of `files` (path, bytes) or none of them. Without `force`, refuses if any exists.
pub fn write_all_or_none(files: &[(PathBuf, Vec<u8>)], force: bool) -> Result<()> {
    if !force && let Some((path, _)) = files.iter().find(|(p, _)| p.exists()) {
        return Err(Error::Exists { path: path.clone() });
    }
    // A folder in the way cannot become a file: refuse before anything is written.
    if let Some((path, _)) = files.iter().find(|(p, _)| p.is_dir()) {
        return Err(Error::Io {
            path: path.clone(),
            source: std::io::Error::new(std::io::ErrorKind::IsADirectory, "is a folder, not a file"),
        });
    }
    let mut staged = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        staged.push((stage(path, bytes)?, path));
    }
    persist_all(staged, |temp, path| temp.persist(path).map(|_| ()).map_err(|e| e.error))
}

/// Puts each staged file in its place. Each old file is moved aside before its new one takes
/// its place; if any step fails, the files already replaced are put back, so the set is all new
/// or all as it was.
fn persist_all(
    staged: Vec<(tempfile::NamedTempFile, &PathBuf)>,
    mut persist: impl FnMut(tempfile::NamedTempFile, &Path) -> std::io::Result<()>,
) -> Result<()> {
    let mut done: Vec<(&PathBuf, Option<tempfile::TempPath>)> = Vec::with_capacity(staged.len());
    for (temp, path) in staged {
        let step = set_aside(path).and_then(|old| {
            done.push((path, old));
            persist(temp, path).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })
        });
        if let Err(e) = step {
            for (path, old) in done.into_iter().rev() {
                match old {
                    Some(old) => {
                        let _ = std::fs::rename(&old, path);
                    }
                    None => {
                        let _ = std::fs::remove_file(path);
                    }
                }
            }
            return Err(e);
        }
    }
    Ok(())
}

/// Moves an existing file at `path` to a temporary name beside it (removed when dropped).
fn set_aside(path: &Path) -> Result<Option<tempfile::TempPath>> {
    if !path.exists() {
        return Ok(None);
    }
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let old = tempfile::Builder::new()
        .prefix(".jianggao-old-")
        .tempfile_in(dir)
        .map_err(io)?
        .into_temp_path();
    std::fs::rename(path, &old).map_err(io)?;
    Ok(Some(old))
}

/// Writes one file atomically.
pub fn write_atomic(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    write_all_or_none(&[(path.to_path_buf(), bytes.to_vec())], force)
}

fn stage(path: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".jianggao-")
        .tempfile_in(dir)
        .map_err(io)?;
    temp.write_all(bytes).map_err(io)?;
    temp.as_file().sync_all().map_err(io)?;
    Ok(temp)
}

/// Whether folder `dir` may be replaced whole by a bank: it does not exist, or it is a folder of
/// `.toml` files only. Anything else (a file, a subfolder, a document) would be lost.
fn check_replaceable(dir: &Path) -> Result<()> {
    let meta = match std::fs::metadata(dir) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(Error::Io {
                path: dir.to_path_buf(),
                source,
            });
        }
    };
    let refuse = |what: String| {
        Error::Message(format!(
            "{}: {what}; it is replaced whole by the new phrase bank, so give a new folder or a phrase bank folder",
            dir.display()
        ))
    };
    if !meta.is_dir() {
        return Err(refuse("is a file, not a folder".into()));
    }
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut foreign: Vec<String> = entries
        .filter_map(std::result::Result::ok)
        .filter(|e| !(e.file_type().is_ok_and(|t| t.is_file()) && e.path().extension().is_some_and(|x| x == "toml")))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    foreign.sort();
    match foreign.first() {
        Some(name) => Err(refuse(format!("holds `{name}`, which is not a phrase bank file"))),
        None => Ok(()),
    }
}

/// Replaces folder `dir` with the files given, only once all of them are written: they are
/// written into a fresh sibling folder which then takes `dir`'s place. Refuses a `dir` that is a
/// file or holds anything but `.toml` files, which would be lost.
pub fn replace_dir(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<()> {
    check_replaceable(dir)?;
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|source| Error::Io {
        path: parent.clone(),
        source,
    })?;
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    let fresh = tempfile::Builder::new()
        .prefix(".jianggao-new-")
        .tempdir_in(&parent)
        .map_err(io(&parent))?;
    for (name, bytes) in files {
        let path = fresh.path().join(name);
        std::fs::write(&path, bytes).map_err(io(&path))?;
    }
    if dir.exists() {
        // An empty folder of a fresh name, which the old folder replaces.
        let old = tempfile::Builder::new()
            .prefix(".jianggao-old-")
            .tempdir_in(&parent)
            .map_err(io(&parent))?
            .keep();
        if let Err(source) = std::fs::rename(dir, &old) {
            let _ = std::fs::remove_dir(&old);
            return Err(io(dir)(source));
        }
        if let Err(source) = std::fs::rename(fresh.path(), dir) {
            let _ = std::fs::rename(&old, dir);
            return Err(io(dir)(source));
        }
        let _ = std::fs::remove_dir_all(&old);
    } else {
        std::fs::rename(fresh.path(), dir).map_err(io(dir))?;
    }
    // The fresh folder is `dir` now: nothing is left to remove.
    let _ = fresh.keep();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_overwrite_without_force() {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = dir.path().join("a.txt");
        let b = dir.path().join("b.txt");
        std::fs::write(&b, "old").expect("write");
        let files = vec![(a.clone(), b"new a".to_vec()), (b.clone(), b"new b".to_vec())];
        assert!(matches!(write_all_or_none(&files, false), Err(Error::Exists { .. })));
        assert!(!a.exists(), "nothing is written when one file exists");
        assert_eq!(std::fs::read_to_string(&b).expect("read"), "old");
        write_all_or_none(&files, true).expect("force writes");
        assert_eq!(std::fs::read_to_string(&b).expect("read"), "new b");
    }

    #[test]
    fn a_failure_midway_puts_every_file_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = dir.path().join("a.txt");
        let b = dir.path().join("b.txt");
        std::fs::write(&a, "old a").expect("write");
        std::fs::create_dir(&b).expect("mkdir");
        let files = vec![(a.clone(), b"new a".to_vec()), (b.clone(), b"new b".to_vec())];
        assert!(write_all_or_none(&files, true).is_err());
        assert_eq!(std::fs::read_to_string(&a).expect("read"), "old a");
        // The rollback: the third rename fails, the first two files go back as they were.
        std::fs::remove_dir(&b).expect("rmdir");
        let c = dir.path().join("c.txt");
        let files = [(a.clone(), "new a"), (b.clone(), "new b"), (c.clone(), "new c")];
        let staged = files
            .iter()
            .map(|(p, t)| (stage(p, t.as_bytes()).expect("stage"), p))
            .collect();
        let mut n = 0;
        let result = persist_all(staged, |temp, path| {
            n += 1;
            if n == 3 {
                return Err(std::io::Error::other("disk full"));
            }
            temp.persist(path).map(|_| ()).map_err(|e| e.error)
        });
        assert!(result.is_err());
        assert_eq!(std::fs::read_to_string(&a).expect("read"), "old a");
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .expect("read_dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["a.txt"], "new files removed, no temporary file left");
    }

    #[test]
    fn never_replaces_what_is_not_a_bank() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("brief.toml");
        std::fs::write(&file, "kind = 1").expect("write");
        let files = [("opening.toml".to_string(), b"y".to_vec())];
        let err = replace_dir(&file, &files).expect_err("a file is refused");
        assert!(err.to_string().contains("is a file"), "{err}");
        assert_eq!(std::fs::read_to_string(&file).expect("kept"), "kind = 1");
        let docs = dir.path().join("docs");
        std::fs::create_dir_all(docs.join("sub")).expect("mkdir");
        std::fs::write(docs.join("notes.txt"), "mine").expect("write");
        let err = replace_dir(&docs, &files).expect_err("a folder of other things is refused");
        assert!(err.to_string().contains("notes.txt"), "{err}");
        assert!(docs.join("notes.txt").exists() && docs.join("sub").is_dir());
        // Nothing is left behind by the refusals.
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .expect("read_dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["brief.toml", "docs"]);
    }

    #[test]
    fn replaces_a_folder_whole() {
        let dir = tempfile::tempdir().expect("tempdir");
        let bank = dir.path().join("bank");
        std::fs::create_dir(&bank).expect("mkdir");
        std::fs::write(bank.join("stale.toml"), "x").expect("write");
        replace_dir(&bank, &[("opening.toml".into(), b"y".to_vec())]).expect("replace");
        assert!(!bank.join("stale.toml").exists());
        assert_eq!(std::fs::read_to_string(bank.join("opening.toml")).expect("read"), "y");
    }
}
