// Migrations and translations are embedded at compile time by macros that do not
// tell cargo about the files they read; without this a new migration or message
// would silently be left out until something else changed.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=templates/locales");
}
