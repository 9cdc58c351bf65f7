fn main() -> std::process::ExitCode {
    dondoc::cli::run(std::env::args_os())
}
