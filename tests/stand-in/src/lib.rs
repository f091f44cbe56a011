//! A stand-in for the Testpress REST API v2.2: the users endpoints, JWT sign-in with
//! server-side sessions, devices and logout, institute settings, password reset, photo
//! uploads, served from SQLite. The app is developed and tested against it over real HTTP.

pub mod api;
pub mod auth;
pub mod choices;
pub mod db;
pub mod error;
pub mod institute;
pub mod jwt;
pub mod middleware;
pub mod password;
pub mod photo;
pub mod record;
pub mod refusals;
pub mod seed;
pub mod sessions;
pub mod static_app;
pub mod testing;
pub mod time;
pub mod user;
pub mod validate;

use axum::routing::{get, post, MethodRouter};
use axum::Router;
use rusqlite::Connection;
use serde_json::{Map, Value};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

#[derive(Debug, Clone)]
pub struct Config {
    pub host: String,
    /// 0 picks a free port.
    pub port: u16,
    /// A file path, or `:memory:`.
    pub db_path: String,
    pub token_ttl_secs: i64,
    /// Origins allowed to call cross-origin (`*` for any).
    pub cors_origins: Vec<String>,
    /// Mounts `/__test__/…` and honours injected faults.
    pub faults: bool,
    /// Serves a built app (e.g. trunk's `dist/`) at `/`, with the SPA fallback to index.html.
    pub app_dir: Option<PathBuf>,
    /// Base of the absolute URLs in responses; the request's Host when absent.
    pub public_url: Option<String>,
    /// Turns the parallel-login restriction on with this limit (the institute settings'
    /// defaults say so; `PUT /__test__/institute-settings` can still change them).
    pub max_parallel_logins: Option<u32>,
    /// Page size of the login activity (the real server's is 20).
    pub devices_per_page: usize,
    /// Institute settings merged over the defaults (from `--institute-settings FILE`).
    pub institute_settings: Map<String, Value>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: "127.0.0.1".into(),
            port: 8000,
            db_path: "stand-in.sqlite3".into(),
            token_ttl_secs: 7 * 24 * 3600,
            cors_origins: Vec::new(),
            faults: false,
            app_dir: None,
            public_url: None,
            max_parallel_logins: None,
            devices_per_page: 20,
            institute_settings: Map::new(),
        }
    }
}

impl Config {
    /// In memory, a free port, fault injection on.
    pub fn for_tests() -> Self {
        Config { port: 0, db_path: ":memory:".into(), faults: true, ..Config::default() }
    }
}

struct Inner {
    config: Config,
    db: Mutex<Connection>,
    secret: Vec<u8>,
    token_ttl: AtomicI64,
    faults: Mutex<Vec<middleware::Fault>>,
    devices_per_page: AtomicUsize,
    nested_restriction: AtomicBool,
    institute: Mutex<Map<String, Value>>,
    calls: Mutex<record::CallLog>,
}

#[derive(Clone)]
pub struct AppState(Arc<Inner>);

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding the lock must not wedge the server for every later request.
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl AppState {
    pub fn new(config: Config) -> rusqlite::Result<Self> {
        let conn = db::open(&config.db_path)?;
        seed::seed(&conn)?;
        let secret = db::token_secret(&conn)?;
        Ok(AppState(Arc::new(Inner {
            token_ttl: AtomicI64::new(config.token_ttl_secs),
            devices_per_page: AtomicUsize::new(config.devices_per_page.max(1)),
            nested_restriction: AtomicBool::new(false),
            institute: Mutex::new(config.institute_settings.clone()),
            calls: Mutex::new(record::CallLog::default()),
            config,
            db: Mutex::new(conn),
            secret,
            faults: Mutex::new(Vec::new()),
        })))
    }
    pub fn config(&self) -> &Config {
        &self.0.config
    }
    pub fn db(&self) -> MutexGuard<'_, Connection> {
        lock(&self.0.db)
    }
    pub fn secret(&self) -> &[u8] {
        &self.0.secret
    }
    pub fn token_ttl(&self) -> i64 {
        self.0.token_ttl.load(Ordering::Relaxed)
    }
    pub fn set_token_ttl(&self, secs: i64) {
        self.0.token_ttl.store(secs, Ordering::Relaxed)
    }
    pub fn faults(&self) -> MutexGuard<'_, Vec<middleware::Fault>> {
        lock(&self.0.faults)
    }
    pub fn devices_per_page(&self) -> usize {
        self.0.devices_per_page.load(Ordering::Relaxed)
    }
    pub fn set_devices_per_page(&self, n: usize) {
        self.0.devices_per_page.store(n.max(1), Ordering::Relaxed)
    }
    /// Whether the parallel-login refusal uses the nested shape.
    pub fn nested_restriction(&self) -> bool {
        self.0.nested_restriction.load(Ordering::Relaxed)
    }
    pub fn set_nested_restriction(&self, nested: bool) {
        self.0.nested_restriction.store(nested, Ordering::Relaxed)
    }
    /// The institute settings set by file or test, over the defaults.
    pub fn institute(&self) -> MutexGuard<'_, Map<String, Value>> {
        lock(&self.0.institute)
    }
    pub fn calls(&self) -> MutexGuard<'_, record::CallLog> {
        lock(&self.0.calls)
    }
}

pub fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// Mounts `route` at `path` (which ends in `/`) and at `path` without its slash, as DRF
/// answers both when clients drop it.
fn both(app: Router<AppState>, path: &str, route: MethodRouter<AppState>) -> Router<AppState> {
    app.route(path, route.clone()).route(path.trim_end_matches('/'), route)
}

pub fn router(state: AppState) -> Router {
    let user = get(api::user).put(api::update_user).patch(api::update_user);
    let mut app = Router::new();
    for version in ["v2.2", "v2.3", "v2.5"] {
        app = both(app, &format!("/api/{version}/auth-token/"), post(auth::auth_token));
    }
    for version in ["v2.2", "v2.3"] {
        app = both(app, &format!("/api/{version}/password/reset/"), post(password::reset));
    }
    app = both(app, "/api/v2.2/me/", get(api::me));
    app = both(app, "/api/v2.2/users/{id}/", user);
    app = both(app, "/api/v2.3/me/login_activity/", get(auth::login_activity));
    app = both(app, "/api/v2.4/auth/logout/", post(auth::logout));
    app = both(app, "/api/v2.4/auth/logout_devices/", post(auth::logout_devices));
    app = both(app, "/api/v2.3/settings/", get(institute::get_settings));
    let mut app =
        app.route("/api/{*rest}", axum::routing::any(api::api_not_found)).route("/media/{name}", get(api::media));
    if state.config().faults {
        app = app
            .route("/__test__/faults", post(testing::add_fault).get(testing::list_faults).delete(testing::clear_faults))
            .route("/__test__/settings", get(testing::get_knobs).put(testing::put_knobs))
            .route(
                "/__test__/institute-settings",
                get(institute::get_settings).put(institute::put_overrides).delete(institute::reset_overrides),
            )
            .route("/__test__/sessions", get(testing::list_sessions).post(testing::seed_sessions))
            .route("/__test__/logouts", get(record::list_logouts).delete(record::clear_logouts))
            .route("/__test__/password-resets", get(record::list_password_resets).delete(record::clear_password_resets))
            .route("/__test__/app-files", get(record::list_app_files).delete(record::clear_app_files));
    }
    app = match &state.config().app_dir {
        Some(_) => app.fallback(static_app::serve),
        None => app.fallback(api::api_not_found),
    };
    app.layer(axum::middleware::from_fn_with_state(state.clone(), middleware::inject_faults))
        .layer(axum::middleware::from_fn_with_state(state.clone(), record::record_calls))
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::cors))
        .with_state(state)
}

/// Binds, then returns the address and the future that serves until `shutdown` resolves.
pub async fn bind(
    config: Config,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<(SocketAddr, impl std::future::Future<Output = std::io::Result<()>>)> {
    let state = AppState::new(config.clone()).map_err(std::io::Error::other)?;
    let listener = tokio::net::TcpListener::bind((config.host.as_str(), config.port)).await?;
    let addr = listener.local_addr()?;
    // The peer address is each session's `ip_address`.
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    let serve = axum::serve(listener, app).with_graceful_shutdown(shutdown);
    Ok((addr, async move { serve.await }))
}

/// Starts a server on its own thread for tests and returns its base URL (`http://127.0.0.1:PORT`).
/// It lives until the test process ends.
pub fn spawn(config: Config) -> String {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime =
            tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
        runtime.block_on(async move {
            let (addr, serve) = bind(config, std::future::pending()).await.expect("bind");
            tx.send(addr).expect("report address");
            serve.await.expect("serve");
        });
    });
    format!("http://{}", rx.recv().expect("server started"))
}
