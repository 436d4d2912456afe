use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};

use super::*;

fn umask() -> u32 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find_map(|l| l.strip_prefix("Umask:")).map(|u| u.trim().to_owned()))
        .and_then(|u| u32::from_str_radix(&u, 8).ok())
        .unwrap_or(0o022)
}

fn problem(path: &Path, force: bool) -> Option<OutputProblem> {
    check(path, force).err()
}

#[test]
fn refuses_to_overwrite_without_force_and_leaves_the_file() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("out.json");
    write_atomically(&path, b"first", false)?;
    let err = write_atomically(&path, b"second", false).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(std::fs::read(&path)?, b"first");
    write_atomically(&path, b"third", true)?;
    assert_eq!(std::fs::read(&path)?, b"third");
    assert_eq!(std::fs::read_dir(dir.path())?.count(), 1, "no temporary file is left behind");
    Ok(())
}

#[test]
fn refuses_devices_fifos_and_directories_even_with_force() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let fifo = dir.path().join("pipe");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status()?.success());
    for force in [false, true] {
        assert!(matches!(problem(Path::new("/dev/null"), force), Some(OutputProblem::NotRegularFile(_))));
        assert!(matches!(problem(&fifo, force), Some(OutputProblem::NotRegularFile(_))));
        assert!(matches!(problem(dir.path(), force), Some(OutputProblem::IsDirectory(_))));
    }
    assert!(std::fs::metadata("/dev/null")?.file_type().is_char_device_like());
    Ok(())
}

trait CharDevice {
    fn is_char_device_like(&self) -> bool;
}

impl CharDevice for std::fs::FileType {
    fn is_char_device_like(&self) -> bool {
        std::os::unix::fs::FileTypeExt::is_char_device(self)
    }
}

#[test]
fn a_dash_means_stdout() {
    assert!(matches!(check(Path::new("-"), false), Ok(Target::Stdout)));
}

#[test]
fn says_what_is_wrong_with_the_folder() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("file");
    std::fs::write(&file, "x")?;
    assert!(matches!(problem(&dir.path().join("nope/x.md"), false), Some(OutputProblem::MissingFolder(..))));
    assert!(matches!(problem(&file.join("x.md"), false), Some(OutputProblem::FolderIsAFile(..))));
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(dir.path().join("gone"), &link)?;
    assert!(matches!(problem(&link, true), Some(OutputProblem::DanglingLink(..))));
    let message = OutputProblem::MissingFolder(PathBuf::from("a\u{1b}[2Jb/x"), PathBuf::from("a\u{1b}[2Jb")).message();
    assert!(!message.en.contains('\u{1b}'), "{message}");
    Ok(())
}

#[test]
fn new_files_follow_the_umask_and_replaced_files_keep_their_mode() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let new = dir.path().join("new.md");
    write_atomically(&new, b"x", false)?;
    assert_eq!(std::fs::metadata(&new)?.mode() & 0o777, 0o666 & !umask());
    let old = dir.path().join("old.md");
    std::fs::write(&old, "old")?;
    std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o640))?;
    write_atomically(&old, b"new", true)?;
    assert_eq!(std::fs::metadata(&old)?.mode() & 0o777, 0o640);
    assert_eq!(std::fs::read(&old)?, b"new");
    Ok(())
}

#[test]
fn keeps_symbolic_and_hard_links() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let real = dir.path().join("real.md");
    std::fs::write(&real, "old")?;
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink(&real, &link)?;
    write_atomically(&link, b"via link", true)?;
    assert!(std::fs::symlink_metadata(&link)?.file_type().is_symlink());
    assert_eq!(std::fs::read(&real)?, b"via link");
    let hard = dir.path().join("hard.md");
    std::fs::hard_link(&real, &hard)?;
    write_atomically(&hard, b"both names", true)?;
    assert_eq!(std::fs::read(&real)?, b"both names");
    Ok(())
}

#[test]
fn a_set_is_written_all_or_nothing() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let a = dir.path().join("a.md");
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub)?;
    let targets = check_each(&[&a, &sub.join("b.md")], false).map_err(|p| anyhow::anyhow!("{p}"))?;
    std::fs::remove_dir(&sub)?;
    let items: Vec<(&Target, &[u8])> = targets.iter().map(|t| (t, b"x".as_slice())).collect();
    assert!(write_all(&items).is_err());
    assert!(!a.exists(), "the first file is not written when the second fails");
    assert_eq!(std::fs::read_dir(dir.path())?.count(), 0, "no temporary file is left behind");
    Ok(())
}

#[test]
fn two_outputs_cannot_be_the_same_file() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let a = dir.path().join("a.md");
    let b = dir.path().join(".").join("a.md");
    assert!(matches!(check_each(&[&a, &b], false), Err(OutputProblem::SameFile(_))));
    let dash = Path::new("-");
    assert!(matches!(check_each(&[dash, dash], false), Err(OutputProblem::SameFile(_))), "two results on stdout");
    Ok(())
}

#[test]
fn temporary_files_are_registered_until_written() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let staged = stage(&dir.path().join("x.md"), Path::new("x.md"), b"x", None)?;
    let temp: Vec<PathBuf> = pending::registered().into_iter().filter(|p| p.starts_with(dir.path())).collect();
    assert_eq!(temp.len(), 1, "the signal handler can find it");
    assert!(temp[0].exists());
    staged.persist(&dir.path().join("x.md"))?;
    assert!(!pending::registered().iter().any(|p| p.starts_with(dir.path())), "unregistered once written");
    Ok(())
}
