from _h import *
import random
random.seed(4)

CRATES_015 = """proc-macro2 v1.0.92
unicode-ident v1.0.14
libc v0.2.167
cfg-if v1.0.0
autocfg v1.4.0
once_cell v1.20.2
serde v1.0.215
log v0.4.22
bitflags v2.6.0
smallvec v1.13.2
memchr v2.7.4
quote v1.0.37
syn v2.0.90
thiserror v1.0.69
hashbrown v0.15.2
glam v0.29.2
bytemuck v1.20.0
parking_lot_core v0.9.10
crossbeam-utils v0.8.20
event-listener v5.3.1
concurrent-queue v2.5.0
async-executor v1.13.1
bevy_macro_utils v0.15.0
bevy_utils v0.15.0
bevy_ptr v0.15.0
bevy_reflect_derive v0.15.0
bevy_reflect v0.15.0
bevy_tasks v0.15.0
bevy_ecs_macros v0.15.0
bevy_ecs v0.15.0
bevy_app v0.15.0
bevy_math v0.15.0
bevy_color v0.15.0
bevy_core v0.15.0
bevy_time v0.15.0
bevy_transform v0.15.0
bevy_hierarchy v0.15.0
bevy_input v0.15.0
bevy_window v0.15.0
bevy_asset v0.15.0
bevy_image v0.15.0
bevy_mesh v0.15.0
wgpu-types v23.0.0
naga v23.0.0
wgpu-core v23.0.1
wgpu-hal v23.0.1
wgpu v23.0.1
bevy_render v0.15.0
bevy_core_pipeline v0.15.0
bevy_sprite v0.15.0
bevy_text v0.15.0
bevy_ui v0.15.0
bevy_audio v0.15.0
bevy_winit v0.15.0
bevy_state v0.15.0
bevy_internal v0.15.0
bevy v0.15.0
bevy_app v0.14.2
bevy_ecs v0.14.2
bevy_transform v0.14.2
bevy_hierarchy v0.14.2
bevy_render v0.14.2
bevy_sprite v0.14.2
bevy_internal v0.14.2
bevy v0.14.2
parry2d v0.17.2
rapier2d v0.22.0
bevy_rapier2d v0.27.0
orbit-miner v0.4.0 (/home/jonas/games/orbit-miner)""".splitlines()


def cargo_015():
    out = ["    Updating crates.io index", "     Locking 61 packages to latest compatible versions"]
    for c in ["bevy v0.15.0", "bevy_a11y v0.15.0", "bevy_animation v0.15.0", "bevy_app v0.15.0", "bevy_asset v0.15.0",
              "bevy_audio v0.15.0", "bevy_color v0.15.0", "bevy_core v0.15.0", "bevy_core_pipeline v0.15.0",
              "bevy_ecs v0.15.0", "bevy_image v0.15.0", "bevy_mesh v0.15.0", "bevy_render v0.15.0", "bevy_sprite v0.15.0",
              "bevy_state v0.15.0", "bevy_text v0.15.0", "bevy_ui v0.15.0", "bevy_winit v0.15.0", "wgpu v23.0.1",
              "naga v23.0.0", "winit v0.30.5"]:
        out.append(f"      Adding {c}")
    out.append("  Downloaded 58 crates (9.4 MB) in 2.71s")
    for c in CRATES_015:
        out.append(f"   Compiling {c}")
    out += [
        "warning: use of deprecated struct `bevy::prelude::SpriteBundle`: Use the `Sprite` component instead. Inserting it will now also insert `Transform` and `Visibility` automatically.",
        "  --> src/asteroids.rs:61:17",
        "   |",
        "61 |                 SpriteBundle {",
        "   |                 ^^^^^^^^^^^^",
        "   |",
        "   = note: `#[warn(deprecated)]` on by default",
        "",
        "warning: use of deprecated struct `bevy::prelude::SpriteBundle`: Use the `Sprite` component instead. Inserting it will now also insert `Transform` and `Visibility` automatically.",
        "  --> src/ship.rs:38:13",
        "   |",
        "38 |             SpriteBundle {",
        "   |             ^^^^^^^^^^^^",
        "",
        "warning: use of deprecated struct `bevy::prelude::Camera2dBundle`: Use the `Camera2d` component instead. Inserting it will now also insert the other components required by it automatically.",
        "  --> src/camera.rs:12:20",
        "   |",
        "12 |     commands.spawn(Camera2dBundle::default());",
        "   |                    ^^^^^^^^^^^^^^",
        "",
        "warning: use of deprecated struct `bevy::prelude::AudioBundle`: Use the `AudioPlayer` component instead. Inserting it will now also insert a `PlaybackSettings` component automatically.",
        "  --> src/audio.rs:22:13",
        "   |",
        "22 |             AudioBundle {",
        "   |             ^^^^^^^^^^^",
        "",
        "error[E0277]: the trait bound `RapierPhysicsPlugin: bevy::prelude::Plugins<_>` is not satisfied",
        "   --> src/main.rs:27:22",
        "    |",
        "27  |         .add_plugins(RapierPhysicsPlugin::<NoUserData>::pixels_per_meter(32.0))",
        "    |          ----------- ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ the trait `bevy::prelude::Plugin` is not implemented for `RapierPhysicsPlugin`, which is required by `RapierPhysicsPlugin: bevy::prelude::Plugins<_>`",
        "    |          |",
        "    |          required by a bound introduced by this call",
        "    |",
        "note: there are multiple different versions of crate `bevy_app` in the dependency graph",
        "   --> /home/jonas/.cargo/registry/src/index.crates.io-6f17d22bba15001f/bevy_app-0.14.2/src/plugin.rs:56:1",
        "    |",
        "56  | pub trait Plugin: Downcast + Any + Send + Sync {",
        "    | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ this is the required trait",
        "    |",
        "   ::: /home/jonas/.cargo/registry/src/index.crates.io-6f17d22bba15001f/bevy_rapier2d-0.27.0/src/plugin/plugin.rs:24:1",
        "    |",
        "24  | pub struct RapierPhysicsPlugin<PhysicsHooks = ()> {",
        "    | ------------------------------------------------- this type doesn't implement the required trait",
        "    |",
        "   ::: /home/jonas/.cargo/registry/src/index.crates.io-6f17d22bba15001f/bevy_app-0.15.0/src/plugin.rs:57:1",
        "    |",
        "57  | pub trait Plugin: Downcast + Any + Send + Sync {",
        "    | ---------------------------------------------- this is the implemented trait",
        "    = help: you can use `cargo tree` to explore your dependency tree",
        "note: required by a bound in `bevy::prelude::App::add_plugins`",
        "   --> /home/jonas/.cargo/registry/src/index.crates.io-6f17d22bba15001f/bevy_app-0.15.0/src/app.rs:551:52",
        "",
        "error[E0277]: the trait bound `RapierDebugRenderPlugin: bevy::prelude::Plugins<_>` is not satisfied",
        "   --> src/main.rs:28:22",
        "    |",
        "28  |         .add_plugins(RapierDebugRenderPlugin::default().disabled())",
        "    |          ----------- ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ the trait `bevy::prelude::Plugin` is not implemented for `RapierDebugRenderPlugin`",
        "    |",
        "note: there are multiple different versions of crate `bevy_app` in the dependency graph",
        "",
    ]
    for f, line, comp in [("src/ship.rs", 44, "RigidBody"), ("src/ship.rs", 45, "Collider"), ("src/ship.rs", 46, "Velocity"),
                          ("src/ship.rs", 47, "ExternalImpulse"), ("src/asteroids.rs", 67, "RigidBody"), ("src/asteroids.rs", 68, "Collider"),
                          ("src/asteroids.rs", 69, "Velocity"), ("src/asteroids.rs", 70, "ActiveEvents"), ("src/pickups.rs", 31, "Sensor"),
                          ("src/pickups.rs", 32, "Collider")]:
        out += [
            f"error[E0277]: `({comp}, ...)` is not a `Bundle`",
            f"   --> {f}:{line - 8}:20",
            "    |",
            f"{line - 8}  |     commands.spawn((",
            "    |              ----- ^ invalid `Bundle`",
            "    |",
            f"    = help: the trait `bevy::prelude::Component` is not implemented for `{comp}`",
            f"note: there are multiple different versions of crate `bevy_ecs` in the dependency graph",
            f"   --> /home/jonas/.cargo/registry/src/index.crates.io-6f17d22bba15001f/bevy_rapier2d-0.27.0/src/dynamics/{'rigid_body' if comp != 'Collider' and comp != 'Sensor' else '../geometry/collider'}.rs:{random.randint(20, 400)}:1",
            "",
        ]
    out += [
        "error[E0308]: mismatched types",
        "  --> src/ship.rs:71:52",
        "   |",
        "71 |     for (mut impulse, transform) in &mut q_ship {",
        "   |                                                    ^^^^^^^^^^^ expected `bevy_transform::components::transform::Transform`, found a different `bevy_transform::components::transform::Transform`",
        "   |",
        "   = note: `bevy_transform::components::transform::Transform` and `bevy_transform::components::transform::Transform` have similar names, but are actually distinct types",
        "note: perhaps two different versions of crate `bevy_transform` are being used?",
        "",
        "Some errors have detailed explanations: E0277, E0308.",
        "For more information about an error, try `rustc --explain E0277`.",
        "warning: `orbit-miner` (bin \"orbit-miner\") generated 4 warnings",
        "error: could not compile `orbit-miner` (bin \"orbit-miner\") due to 15 previous errors; 4 warnings emitted",
    ]
    return "\n".join(out) + "\n"


CARGO_TOML = '''[package]
name = "orbit-miner"
version = "0.4.0"
edition = "2021"

[dependencies]
bevy = { version = "0.14.2", features = ["wav"] }
bevy_rapier2d = "0.27"
rand = "0.8"

[profile.dev]
opt-level = 1

[profile.dev.package."*"]
opt-level = 3
'''

CAMERA_RS = '''use bevy::prelude::*;

use crate::ship::Ship;

pub struct CameraPlugin;

impl Plugin for CameraPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(Startup, spawn_camera)
            .add_systems(Update, follow_ship);
    }
}

fn spawn_camera(mut commands: Commands) {
    commands.spawn(Camera2dBundle::default());
}

const FOLLOW_LERP: f32 = 8.0;

fn follow_ship(
    time: Res<Time>,
    q_ship: Query<&Transform, (With<Ship>, Without<Camera2d>)>,
    mut q_cam: Query<&mut Transform, With<Camera2d>>,
) {
    let Ok(ship) = q_ship.get_single() else { return };
    let Ok(mut cam) = q_cam.get_single_mut() else { return };
    let target = ship.translation.truncate().extend(cam.translation.z);
    cam.translation = cam.translation.lerp(target, (FOLLOW_LERP * time.delta_seconds()).min(1.0));
}
'''

MAIN_RS = '''mod asteroids;
mod audio;
mod camera;
mod game_over;
mod hud;
mod menu;
mod pickups;
mod ship;

use bevy::prelude::*;
use bevy_rapier2d::prelude::*;

#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum GameState {
    #[default]
    Menu,
    Playing,
    GameOver,
}

fn main() {
    App::new()
        .add_plugins(DefaultPlugins.set(WindowPlugin {
            primary_window: Some(Window { title: "Orbit Miner".into(), ..default() }),
            ..default()
        }))
        .add_plugins(RapierPhysicsPlugin::<NoUserData>::pixels_per_meter(32.0))
        .add_plugins(RapierDebugRenderPlugin::default().disabled())
        .init_state::<GameState>()
        .add_plugins((
            camera::CameraPlugin,
            ship::ShipPlugin,
            asteroids::AsteroidsPlugin,
            pickups::PickupsPlugin,
            audio::AudioPlugin,
            hud::HudPlugin,
            menu::MenuPlugin,
            game_over::GameOverPlugin,
        ))
        .run();
}
'''

ASTEROIDS_RS = '''use bevy::prelude::*;
use bevy_rapier2d::prelude::*;
use rand::Rng;

use crate::GameState;

pub struct AsteroidsPlugin;

impl Plugin for AsteroidsPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(OnEnter(GameState::Playing), spawn_field)
            .add_systems(Update, (drift, mine_on_contact).run_if(in_state(GameState::Playing)));
    }
}

#[derive(Component)]
pub struct Asteroid {
    pub ore: u32,
}

pub const FIELD_SIZE: usize = 1800;

fn spawn_field(mut commands: Commands, assets: Res<AssetServer>) {
    let mut rng = rand::thread_rng();
    let tex = assets.load("sprites/asteroid.png");
    for _ in 0..FIELD_SIZE {
        let pos = Vec2::new(rng.gen_range(-4000.0..4000.0), rng.gen_range(-4000.0..4000.0));
        let radius = rng.gen_range(6.0..28.0);
        let ore = rng.gen_range(0..=5);
        commands.spawn((
            SpriteBundle {
                texture: tex.clone(),
                transform: Transform::from_translation(pos.extend(0.0)).with_scale(Vec3::splat(radius / 16.0)),
                ..default()
            },
            RigidBody::Dynamic,
            Collider::ball(16.0),
            Velocity::linear(Vec2::new(rng.gen_range(-20.0..20.0), rng.gen_range(-20.0..20.0))),
            ActiveEvents::COLLISION_EVENTS,
            Asteroid { ore },
        ));
    }
}
// ... drift, mine_on_contact
'''

RUN_LOG = '''    Finished `dev` profile [optimized + debuginfo] target(s) in 3.84s
     Running `target/debug/orbit-miner`
2026-11-25T16:02:11.482913Z  INFO bevy_diagnostic::system_information_diagnostics_plugin::internal: SystemInfo { os: "Linux 24.04 Ubuntu", kernel: "6.8.0-49-generic", cpu: "AMD Ryzen 7 5800X 8-Core Processor", core_count: "8", memory: "31.3 GiB" }
2026-11-25T16:02:11.702187Z  INFO bevy_render::renderer: AdapterInfo { name: "NVIDIA GeForce RTX 3060", vendor: 4318, device: 9476, device_type: DiscreteGpu, driver: "NVIDIA", driver_info: "550.120", backend: Vulkan }
2026-11-25T16:02:12.120554Z  INFO bevy_winit::system: Creating new window "Orbit Miner" (Entity { index: 0, generation: 1 })
2026-11-25T16:02:12.131772Z  INFO gilrs_core::platform::platform::gamepad: Gamepad /dev/input/event5 (Sony Interactive Entertainment Wireless Controller) connected.
2026-11-25T16:02:15.009142Z  INFO orbit_miner::menu: start pressed -> Playing
'''

turns = [
 U("ok so. the ship jitters when the camera follows it. like a little stutter every few frames, worse when I boost. "
   "I think... hmm, it might be the camera system running before the movement? or maybe it's the physics timestep "
   "thing, rapier does its own stepping right. Not sure. I've also been meaning to try bevy 0.15 for required "
   "components, maybe that'd just magically fix it? eh, probably not. Let's look at the jitter first."),
 Read("Cargo.toml", CARGO_TOML),
 Read("src/main.rs", MAIN_RS),
 Read("src/camera.rs", CAMERA_RS),
 A("Your first guess is right, it's ordering. `follow_ship` runs in `Update`, but bevy_rapier2d 0.27 runs its whole "
   "pipeline in `PostUpdate` by default, including the writeback that copies the rigid-body position into the ship's "
   "`Transform`. So the camera always lerps toward *last frame's* ship position, and when frame times vary (boost = "
   "bigger velocity = bigger per-frame delta) the lag changes from frame to frame, which reads as a stutter. "
   "Fix: run `follow_ship` in `PostUpdate`, after `PhysicsSet::Writeback` and before "
   "`TransformSystem::TransformPropagate`, so the camera uses this frame's position and its own transform is "
   "propagated in the same frame."),
 Edit("src/camera.rs", '''@@ -1,12 +1,20 @@
 use bevy::prelude::*;
+use bevy::transform::TransformSystem;
+use bevy_rapier2d::plugin::PhysicsSet;
 
 use crate::ship::Ship;
 
 pub struct CameraPlugin;
 
 impl Plugin for CameraPlugin {
     fn build(&self, app: &mut App) {
         app.add_systems(Startup, spawn_camera)
-            .add_systems(Update, follow_ship);
+            .add_systems(
+                PostUpdate,
+                follow_ship
+                    .after(PhysicsSet::Writeback)
+                    .before(TransformSystem::TransformPropagate),
+            );
     }
 }'''),
 Bash("cargo run", "   Compiling orbit-miner v0.4.0 (/home/jonas/games/orbit-miner)\n" + RUN_LOG),
 U("oh that's buttery now. nice nice. ok... so, 0.15. thinking about it — required components would clean up the "
   "asteroid spawn a lot, all those bundles. let's just bump it and see what breaks? worst case we revert"),
 A("Sure, with one caveat up front: bevy_rapier2d has to support the same Bevy version, otherwise Cargo happily builds "
   "two Bevys side by side and nothing from rapier will fit. Let's see."),
 Edit("Cargo.toml", '''@@ -6,2 +6,2 @@
-bevy = { version = "0.14.2", features = ["wav"] }
+bevy = { version = "0.15", features = ["wav"] }
 bevy_rapier2d = "0.27"'''),
 Bash("cargo build 2>&1", cargo_015()),
 A("As feared: `bevy_rapier2d 0.27` depends on Bevy 0.14, so the graph now contains both `bevy_app 0.14.2` and "
   "`0.15.0`. Rapier's plugins implement the 0.14 `Plugin` trait, its components implement the 0.14 `Component` "
   "trait, and none of that is usable from a 0.15 app (15 errors, all \"multiple different versions of crate\"). "
   "There's no bevy_rapier2d release for 0.15 yet, so the upgrade is blocked on rapier. Reverting."),
 Bash("git checkout Cargo.toml Cargo.lock && cargo build 2>&1 | tail -2",
      "   Compiling orbit-miner v0.4.0 (/home/jonas/games/orbit-miner)\n    Finished `dev` profile [optimized + debuginfo] target(s) in 6.12s\n"),
 U("yeah ok, makes sense. we wait for rapier then. hmm. what else was on my list... right — the daily challenge. I "
   "want everyone to get the same asteroid field on the same day, so people can compare scores. right now spawn_field "
   "uses thread_rng so that's out. so... a seeded RNG I guess. as a resource? hmm, or there's that bevy_rand crate. or "
   "I just hash the date and... no, still need an rng. what do you think"),
 Read("src/asteroids.rs", ASTEROIDS_RS),
 A("Two reasonable ways:\n\n"
   "a) **`bevy_rand`** — ECS-friendly RNG plugin (global and per-entity RNG components, forking). Nice when many "
   "systems/entities need independent deterministic streams.\n"
   "b) **Plain `rand_chacha::ChaCha8Rng` in a `Resource`**, seeded from the UTC date (e.g. `20261125`), and "
   "`spawn_field` draws from it instead of `thread_rng`. ChaCha8 is portable — same seed, same sequence on every "
   "platform — which `StdRng` does not promise across rand versions.\n\n"
   "For one spawn system, b) is plenty. One rule either way: only one system should draw from the daily RNG, or the "
   "systems that do must be explicitly ordered — if two unordered systems share it, the parallel executor can run them "
   "in a different order and the field changes."),
 U("b. yeah keep it simple."),
 Edit("Cargo.toml", '''@@ -8,3 +8,5 @@
 bevy_rapier2d = "0.27"
 rand = "0.8"
+rand_chacha = "0.3"
+chrono = { version = "0.4", default-features = false, features = ["clock"] }'''),
 Write("src/rng.rs", '''use bevy::prelude::*;
use chrono::{Datelike, Utc};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::GameState;

/// Deterministic RNG for the daily challenge. Only `spawn_field` may draw from it.
#[derive(Resource)]
pub struct DailyRng(pub ChaCha8Rng);

pub fn daily_seed() -> u64 {
    let d = Utc::now().date_naive();
    (d.year() as u64) * 10_000 + (d.month() as u64) * 100 + d.day() as u64
}

pub struct RngPlugin;

impl Plugin for RngPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(OnEnter(GameState::Playing), reseed.before(crate::asteroids::spawn_field));
    }
}

fn reseed(mut commands: Commands) {
    commands.insert_resource(DailyRng(ChaCha8Rng::seed_from_u64(daily_seed())));
}
'''),
 Edit("src/main.rs", '''@@ -6,2 +6,3 @@
 mod pickups;
+mod rng;
 mod ship;
@@ -31,2 +32,3 @@
         .add_plugins((
+            rng::RngPlugin,
             camera::CameraPlugin,'''),
 Edit("src/asteroids.rs", '''@@ -5,2 +5,3 @@
 use crate::GameState;
+use crate::rng::DailyRng;
@@ -20,9 +21,10 @@
-fn spawn_field(mut commands: Commands, assets: Res<AssetServer>) {
-    let mut rng = rand::thread_rng();
+pub fn spawn_field(mut commands: Commands, assets: Res<AssetServer>, mut daily: ResMut<DailyRng>) {
+    let rng = &mut daily.0;
     let tex = assets.load("sprites/asteroid.png");
     for _ in 0..FIELD_SIZE {
@@ +80,18 @@
+#[cfg(test)]
+mod tests {
+    use super::*;
+    use rand::{Rng, SeedableRng};
+    use rand_chacha::ChaCha8Rng;
+
+    #[test]
+    fn same_seed_same_sequence() {
+        let mut a = ChaCha8Rng::seed_from_u64(20261125);
+        let mut b = ChaCha8Rng::seed_from_u64(20261125);
+        let xa: Vec<f32> = (0..100).map(|_| a.gen_range(-4000.0..4000.0)).collect();
+        let xb: Vec<f32> = (0..100).map(|_| b.gen_range(-4000.0..4000.0)).collect();
+        assert_eq!(xa, xb);
+    }
+}'''),
 Bash("cargo test 2>&1 | tail -12", '''   Compiling rand_chacha v0.3.1
   Compiling chrono v0.4.38
   Compiling orbit-miner v0.4.0 (/home/jonas/games/orbit-miner)
    Finished `test` profile [optimized + debuginfo] target(s) in 21.47s
     Running unittests src/main.rs (target/debug/deps/orbit_miner-5c0e2a1f9b7d3e44)

running 3 tests
test asteroids::tests::same_seed_same_sequence ... ok
test hud::tests::format_score ... ok
test pickups::tests::ore_value_table ... ok

test result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s
'''),
 U("cool. oh, one more weird thing — after game over the thruster sound keeps playing in the menu. lol. it just loops "
   "forever. and I think... the asteroids stay around too? you just can't see them because the menu covers them. "
   "the game over screen feels laggy as well, so probably yes"),
 Bash("grep -rn 'commands.spawn\\|despawn' src/ | grep -v '^src/menu'", '''src/asteroids.rs:27:        commands.spawn((
src/ship.rs:36:    commands.spawn((
src/pickups.rs:23:        commands.spawn((
src/audio.rs:20:    commands.spawn((
src/hud.rs:18:    commands.spawn((NodeBundle { style: hud_style(), ..default() }, Hud)).with_children(|p| {
src/game_over.rs:15:    commands.spawn((NodeBundle { style: overlay_style(), ..default() }, GameOverUi)).with_children(|p| {
src/camera.rs:15:    commands.spawn(Camera2dBundle::default());
'''),
 A("Confirmed: nothing spawned for a round is ever despawned. The ship, 1800 asteroids, pickups, the HUD and the "
   "looping thruster `AudioBundle` (`PlaybackSettings::LOOP`) all survive into `GameOver` and `Menu`; physics keeps "
   "simulating 1800 bodies behind the menu, hence the lag, and the audio entity keeps its sink alive, hence the sound. "
   "And the next round spawns a second field on top.\n\n"
   "Bevy 0.14 has a built-in for exactly this: add `StateScoped(GameState::Playing)` to those entities and call "
   "`app.enable_state_scoped_entities::<GameState>()`; they are despawned recursively on `OnExit(Playing)`."),
 Edit("src/main.rs", '''@@ -30,2 +30,3 @@
         .init_state::<GameState>()
+        .enable_state_scoped_entities::<GameState>()
         .add_plugins(('''),
 Edit("src/asteroids.rs", '''@@ -37,2 +37,3 @@
             Asteroid { ore },
+            StateScoped(GameState::Playing),
         ));'''),
 Edit("src/ship.rs", '''@@ -47,2 +47,3 @@
         Ship::default(),
+        StateScoped(GameState::Playing),
     ));'''),
 Edit("src/audio.rs", '''@@ -25,2 +25,3 @@
         Thruster,
+        StateScoped(GameState::Playing),
     ));'''),
 Edit("src/pickups.rs", '''@@ -29,2 +29,3 @@
             Pickup { kind },
+            StateScoped(GameState::Playing),
         ));'''),
 Edit("src/hud.rs", '''@@ -18 +18 @@
-    commands.spawn((NodeBundle { style: hud_style(), ..default() }, Hud)).with_children(|p| {
+    commands.spawn((NodeBundle { style: hud_style(), ..default() }, Hud, StateScoped(GameState::Playing))).with_children(|p| {'''),
 Bash("cargo run --features bevy/bevy_dev_tools 2>&1 | grep -E 'orbit_miner|entities'", '''2026-11-25T16:41:07.332190Z  INFO orbit_miner::menu: start pressed -> Playing
2026-11-25T16:41:07.351004Z  INFO orbit_miner::debug: entities: 1861
2026-11-25T16:41:58.902771Z  INFO orbit_miner::ship: hull 0 -> GameOver
2026-11-25T16:41:58.918333Z  INFO orbit_miner::debug: entities: 41
2026-11-25T16:42:03.110245Z  INFO orbit_miner::menu: back to menu
2026-11-25T16:42:05.641800Z  INFO orbit_miner::menu: start pressed -> Playing
2026-11-25T16:42:05.659431Z  INFO orbit_miner::debug: entities: 1861
'''),
 U("yes!! silence. and 41 entities instead of 1800 on the game over screen, lol. ok I like that — StateScoped on every "
   "gameplay entity from now on, let's make that the rule. and the rng.rs thing, one plugin per feature in its own "
   "file, that's how I like it, keep doing that. hmm, what about perf though, with the daily field I want more "
   "asteroids eventually"),
 A("A few directions for more asteroids:\n\n"
   "1. **Pooling**: keep despawned asteroids around with `Visibility::Hidden` and reuse them instead of "
   "spawn/despawn.\n"
   "2. **Spatial hash grid** for `mine_on_contact`: it currently compares every asteroid with the ship and with every "
   "pickup, which is fine at 1800 but grows quadratically for the asteroid-asteroid checks in `drift`.\n"
   "3. Let rapier handle the contacts with sensors and only react to `CollisionEvent`s.\n\n"
   "By the way, should the daily seed also include a version salt, so that changing the spawn code doesn't silently "
   "change the field for a day that's already running?"),
 U("pooling no, spawning is cheap in bevy, not worth the bookkeeping. the O(n²) thing in drift is real though, I'll "
   "need a spatial hash before we go to like 5k asteroids. not today, my brain is done. thanks!"),
 A("Makes sense. Today's changes: camera follow moved to `PostUpdate` after rapier's writeback (no more jitter), "
   "Bevy 0.15 attempt reverted (blocked on bevy_rapier2d), daily field seeded with `ChaCha8Rng` in `src/rng.rs`, "
   "and gameplay entities are `StateScoped(GameState::Playing)`. The spatial hash for `drift` is still open. "
   "Have a good evening!"),
]

sess = {
 "id": "bevy_orbit_miner",
 "project": "orbit-miner",
 "cwd_files": ["Cargo.toml", "src/main.rs", "src/camera.rs", "src/asteroids.rs", "src/rng.rs", "src/ship.rs", "src/audio.rs"],
 "turns": turns,
 "gold": [
  G("PROJECT", "orbit-miner: Rust 2D game on Bevy 0.14 with bevy_rapier2d 0.27 physics",
    ["orbit-miner"], ["bevy", "rapier", "0.14"]),
  G("BUG_FIX", "Ship jitter: camera follow ran in Update before rapier writeback; moved to PostUpdate after PhysicsSet::Writeback, before TransformPropagate",
    ["camera"], ["postupdate", "writeback", "transformpropagate", "jitter", "stutter"], ["src/camera.rs"]),
  G("FAILED", "Bevy 0.15 upgrade failed: bevy_rapier2d 0.27 still on Bevy 0.14 (duplicate bevy_app crates); reverted",
    ["0.15"], ["rapier", "revert", "multiple", "blocked", "two versions"]),
  G("DECISION", "Daily challenge field seeded with ChaCha8Rng resource from the UTC date (deterministic)",
    ["chacha"], ["seed", "daily", "deterministic", "date", "resource"], ["src/rng.rs", "src/asteroids.rs"]),
  G("BUG_FIX", "Thruster sound and asteroids survived game over (never despawned); fixed with StateScoped(GameState::Playing)",
    ["statescoped"], ["thruster", "sound", "despawn", "game over", "lag"], ["src/main.rs"]),
  G("PATTERN", "All gameplay entities get StateScoped(GameState::Playing) so they despawn on exit",
    ["statescoped"], ["every", "all gameplay", "rule", "gameplay entit", "always"]),
  G("PREFERENCE", "One Bevy Plugin per feature, each in its own file",
    ["plugin"], ["own file", "per feature", "one plugin", "each feature", "separate file"]),
  G("TODO", "drift collision check is O(n^2): add spatial hash before ~5k asteroids",
    ["spatial hash"], ["5k", "5000", "o(n", "drift", "quadratic", "asteroids"]),
 ],
 "dead_ends": [
  D("asteroid pooling with Visibility::Hidden proposed, rejected", ["pooling"]),
  D("bevy_rand crate proposed, not picked", ["bevy_rand"]),
 ],
 "secrets": [],
}
save(sess)
