use std::path::PathBuf;
use testpress_stand_in::{bind, Config};

const USAGE: &str = "testpress-stand-in: a stand-in Testpress API v2.2 with demo users

Options:
  --host HOST           address to listen on (default 127.0.0.1)
  --port PORT           port; 0 picks a free one (default 8000)
  --db PATH             SQLite file, or :memory: (default stand-in.sqlite3)
  --token-ttl SECS      lifetime of issued tokens (default 604800, a week)
  --cors-origin ORIGIN  allow this origin cross-origin; repeatable; * for any
  --app-dir DIR         also serve a built app from DIR (SPA fallback to index.html)
  --public-url URL      base of absolute URLs in responses (default: the request's host)
  --max-parallel-logins N
                        restrict each user to N parallel sign-ins (later ones get 403
                        parallel_login_restriction until others sign out)
  --devices-per-page N  page size of /api/v2.3/me/login_activity/ (default 20)
  --institute-settings FILE
                        a JSON object merged over the default /api/v2.3/settings/
  --faults              enable fault injection and the /__test__/ control endpoints";

fn read_settings(path: &str) -> Result<serde_json::Map<String, serde_json::Value>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("--institute-settings {path}: {e}"))?;
    match serde_json::from_str(&text) {
        Ok(serde_json::Value::Object(map)) => Ok(map),
        Ok(_) => Err(format!("--institute-settings {path}: not a JSON object")),
        Err(e) => Err(format!("--institute-settings {path}: {e}")),
    }
}

fn parse_args() -> Result<Config, String> {
    let mut config = Config::default();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match flag.as_str() {
            "--host" => config.host = value("--host")?,
            "--port" => config.port = value("--port")?.parse().map_err(|_| "--port needs a number")?,
            "--db" => config.db_path = value("--db")?,
            "--token-ttl" => {
                config.token_ttl_secs = value("--token-ttl")?.parse().map_err(|_| "--token-ttl needs seconds")?
            }
            "--cors-origin" => config.cors_origins.push(value("--cors-origin")?),
            "--app-dir" => config.app_dir = Some(PathBuf::from(value("--app-dir")?)),
            "--public-url" => config.public_url = Some(value("--public-url")?),
            "--max-parallel-logins" => {
                let n = value("--max-parallel-logins")?.parse().ok().filter(|n| *n >= 1);
                config.max_parallel_logins = Some(n.ok_or("--max-parallel-logins needs a number from 1")?)
            }
            "--devices-per-page" => {
                let n = value("--devices-per-page")?.parse().ok().filter(|n| *n >= 1);
                config.devices_per_page = n.ok_or("--devices-per-page needs a number from 1")?
            }
            "--institute-settings" => config.institute_settings = read_settings(&value("--institute-settings")?)?,
            "--faults" => config.faults = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(config)
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).expect("SIGTERM handler");
    tokio::select! {
        _ = ctrl_c => {}
        _ = term.recv() => {}
    }
}

#[tokio::main]
async fn main() {
    let config = match parse_args() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}\n\n{USAGE}");
            std::process::exit(2);
        }
    };
    let db = config.db_path.clone();
    let (addr, serve) = match bind(config, shutdown_signal()).await {
        Ok(ok) => ok,
        Err(e) => {
            eprintln!("stand-in: cannot start: {e}");
            std::process::exit(1);
        }
    };
    // Test harnesses read the first line to learn the port.
    println!("Testpress stand-in API listening on http://{addr}");
    println!("Database: {db}");
    println!("Demo sign-in: testpress / {} (also Vinoth, priya, arjun, meera)", testpress_stand_in::db::DEMO_PASSWORD);
    if let Err(e) = serve.await {
        eprintln!("stand-in: {e}");
        std::process::exit(1);
    }
}
