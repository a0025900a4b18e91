from _common import U, A, T, write

PSK = "Gewaechshaus#2291!"

MIX_EXS = '''defmodule Greenhouse.MixProject do
  use Mix.Project

  @app :greenhouse
  @version "0.3.1"
  @all_targets [:rpi0_2]

  def project do
    [
      app: @app,
      version: @version,
      elixir: "~> 1.16",
      archives: [nerves_bootstrap: "~> 1.12"],
      start_permanent: Mix.env() == :prod,
      deps: deps(),
      releases: [{@app, release()}],
      preferred_cli_target: [run: :host, test: :host]
    ]
  end

  def application do
    [mod: {Greenhouse.Application, []}, extra_applications: [:logger, :runtime_tools]]
  end

  defp deps do
    [
      {:nerves, "~> 1.10", runtime: false},
      {:shoehorn, "~> 0.9.1"},
      {:ring_logger, "~> 0.11.0"},
      {:toolshed, "~> 0.4.0"},
      {:circuits_i2c, "~> 2.0"},
      {:circuits_gpio, "~> 2.0"},
      {:nerves_runtime, "~> 0.13.0", targets: @all_targets},
      {:nerves_pack, "~> 0.7.0", targets: @all_targets},
      {:nerves_system_rpi0_2, "~> 1.27", runtime: false, targets: :rpi0_2}
    ]
  end

  def release do
    [
      overwrite: true,
      cookie: "#{@app}_cookie",
      include_erts: &Nerves.Release.erts/0,
      steps: [&Nerves.Release.init/1, :assemble],
      strip_beams: Mix.env() == :prod or [keep: ["Docs"]]
    ]
  end
end
'''

TARGET_EXS = f'''import Config

config :shoehorn, init: [:nerves_runtime, :nerves_pack]
config :nerves, :erlinit, update_clock: true

config :nerves_ssh,
  authorized_keys: [File.read!(Path.join(System.user_home!(), ".ssh/id_ed25519.pub"))]

config :vintage_net,
  regulatory_domain: "DE",
  config: [
    {{"usb0", %{{type: VintageNetDirect}}}},
    {{"wlan0",
     %{{
       type: VintageNetWiFi,
       vintage_net_wifi: %{{networks: [%{{key_mgmt: :wpa_psk, ssid: "Schrebergarten", psk: "{PSK}"}}]}},
       ipv4: %{{method: :dhcp}}
     }}}}
  ]

config :mdns_lite,
  hosts: [:hostname, "greenhouse"],
  ttl: 120

config :greenhouse, :sensors,
  bme280: [bus: "i2c-1", address: 0x76, interval_ms: 30_000]
'''

BME_OLD = '''defmodule Greenhouse.Sensor.BME280 do
  @moduledoc "One GenServer per sensor. Polls in forced mode every interval_ms."
  use GenServer
  require Logger
  alias Circuits.I2C
  alias Greenhouse.Sensor.BME280.Calibration

  @ctrl_hum 0xF2
  @ctrl_meas 0xF4
  @data_start 0xF7

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)
  def latest, do: GenServer.call(__MODULE__, :latest)

  @impl true
  def init(opts) do
    {:ok, i2c} = I2C.open(Keyword.fetch!(opts, :bus))
    addr = Keyword.fetch!(opts, :address)
    {:ok, calib} = Calibration.read(i2c, addr)
    send(self(), :poll)
    {:ok, %{i2c: i2c, addr: addr, calib: calib, interval: opts[:interval_ms], latest: nil}}
  end

  @impl true
  def handle_info(:poll, state) do
    # humidity oversampling x1, then temp/press x1 + forced mode
    :ok = I2C.write(state.i2c, state.addr, <<@ctrl_hum, 0x01>>)
    :ok = I2C.write(state.i2c, state.addr, <<@ctrl_meas, 0b001_001_01>>)

    state =
      case I2C.write_read(state.i2c, state.addr, <<@data_start>>, 8) do
        {:ok, raw} -> %{state | latest: Calibration.compensate(raw, state.calib)}
        {:error, reason} ->
          Logger.warning("bme280 read failed: #{inspect(reason)}")
          state
      end

    Process.send_after(self(), :poll, state.interval)
    {:noreply, state}
  end

  @impl true
  def handle_call(:latest, _from, state), do: {:reply, state.latest, state}
end
'''

RINGLOG = "\n".join([
    "iex(greenhouse@greenhouse.local)1> RingLogger.grep(~r/bme280/)",
] + [
    line for i in range(9) for line in (
        [f"10:{14+i//2:02d}:{(i*31)%60:02d}.{100+i*37:03d} [warning] bme280 read failed: :i2c_nak"] if i % 3 == 1 else
        [f"10:{14+i//2:02d}:{(i*31)%60:02d}.{100+i*37:03d} [debug] bme280 reading: %{{temp_c: {[21.4, 85.0, 21.5, 21.5, 85.0, 21.6, 21.6, 21.7, 85.0][i]}, humidity: {[63.2, 0.0, 63.0, 62.9, 0.0, 62.7, 62.8, 62.6, 0.0][i]}, pressure_hpa: {[1009.8, 1101.3, 1009.8, 1009.7, 1101.3, 1009.7, 1009.6, 1009.6, 1101.3][i]}}}"]
    )
] + [":ok"])

EXQLITE_FAIL = '''==> exqlite
could not find NIF for target aarch64-nerves-linux-gnu in precompiled artefacts, compiling from source
mkdir -p /home/ole/greenhouse/_build/rpi0_2_dev/lib/exqlite/priv
aarch64-nerves-linux-gnu-gcc -c -O2 -I"/home/ole/.nerves/artifacts/nerves_system_rpi0_2-portable-1.27.1/staging/usr/lib/erlang/erts-14.2.5/include" -Ic_src -fPIC -DSQLITE_THREADSAFE=1 -DSQLITE_USE_URI=1 -DSQLITE_LIKE_DOESNT_MATCH_BLOBS=1 -DSQLITE_DQS=0 -DHAVE_USLEEP=1 -DALLOW_COVERING_INDEX_SCAN=1 -DENABLE_FTS3_PARENTHESIS=1 -DENABLE_LOAD_EXTENSION=1 -DENABLE_SOUNDEX=1 -DENABLE_STAT4=1 -DENABLE_UPDATE_DELETE_LIMIT=1 -DSQLITE_ENABLE_FTS3=1 -DSQLITE_ENABLE_FTS4=1 -DSQLITE_ENABLE_FTS5=1 -DSQLITE_ENABLE_GEOPOLY=1 -DSQLITE_ENABLE_MATH_FUNCTIONS=1 -DSQLITE_ENABLE_RBU=1 -DSQLITE_ENABLE_RTREE=1 -DSQLITE_OMIT_DEPRECATED=1 -DSQLITE_ENABLE_DBSTAT_VTAB=1 --sysroot=/home/ole/.nerves/artifacts/nerves_system_rpi0_2-portable-1.27.1/staging c_src/sqlite3.c -o /home/ole/greenhouse/_build/rpi0_2_dev/lib/exqlite/sqlite3.o
aarch64-nerves-linux-gnu-gcc: fatal error: Killed signal terminated program cc1
compilation terminated.
make: *** [Makefile:134: /home/ole/greenhouse/_build/rpi0_2_dev/lib/exqlite/sqlite3.o] Error 1
could not compile dependency :exqlite, "mix compile" failed. Errors may have been logged above. You can recompile this dependency with "mix deps.compile exqlite --force", update it with "mix deps.update exqlite" or clean it with "mix deps.clean exqlite"
** (Mix) Could not compile with "make" (exit status: 2).
You need to have gcc and make installed. Try running the commands "gcc --version" and / or "make --version". If these programs are not installed, you will be prompted to install them.
'''

def firmware_ok(extra=""):
    return ('''==> nerves
==> greenhouse

Nerves environment
  MIX_TARGET:   rpi0_2
  MIX_ENV:      dev

Checking for prebuilt Nerves artifacts...
  Found nerves_system_rpi0_2 in cache /home/ole/.nerves/artifacts/nerves_system_rpi0_2-portable-1.27.1
  Found nerves_toolchain_aarch64_nerves_linux_gnu in cache /home/ole/.nerves/artifacts/nerves_toolchain_aarch64_nerves_linux_gnu-linux_x86_64-13.2.0
''' + extra + '''Compiling 14 files (.ex)
Generated greenhouse app
* assembling greenhouse-0.3.1 on MIX_TARGET rpi0_2
* skipping runtime configuration (config/runtime.exs not found)
* creating /home/ole/greenhouse/_build/rpi0_2_dev/rel/greenhouse/releases/0.3.1/vm.args

Release created at _build/rpi0_2_dev/rel/greenhouse

    # To start your system
    _build/rpi0_2_dev/rel/greenhouse/bin/greenhouse start

|nerves| Building OTP Release...

Updating base firmware image with Erlang release...
Copying rootfs_overlay: /home/ole/greenhouse/_build/rpi0_2_dev/nerves/rootfs_overlay
Copying rootfs_overlay: /home/ole/greenhouse/rootfs_overlay
Building /home/ole/greenhouse/_build/rpi0_2_dev/nerves/images/greenhouse.fw...
Firmware built successfully! 🎉

Now you may install it to a MicroSD card using `mix burn` or upload it
to a device with `mix upload` or `mix firmware.gen.script`+`./upload.sh`.
''')

UPLOAD = '''Running fwup...
fwup: Upgrading partition B
|====================================| 100% (34.81 / 34.81) MB
Success!
Elapsed time: 19.822 s
Rebooting...
'''

turns = [
    U("ok so. the greenhouse box. hmm. where do I start. The BME280 readings on the Pi Zero 2 are flaky, like every third reading is "
      "either an i2c_nak or a reading of exactly 85.0 °C which, well, it's a greenhouse but not THAT hot. I think it's the sensor? "
      "or the wiring? the cable run is like 40cm. Actually no wait, before you touch anything, let me give you the context: "
      "Nerves 1.10, Elixir 1.16, target rpi0_2, I deploy with mix firmware and mix upload to greenhouse.local over ssh, never burn "
      "cards anymore. Wifi was a saga btw, we had VintageNetWizard for setup at first, but its captive portal just never popped up "
      "on my iPhone or my wife's, so we dropped it and hardcoded the network in target.exs. Anyway. The sensor."),
    A("Thanks for the context. 85.0 °C is interesting: that's exactly what the BME280 reports when you read the data registers "
      "before a measurement has been done (it's the reset value of the temperature registers after compensation). "
      "Let me look at the driver and the logs."),
    T("Read", "mix.exs", MIX_EXS),
    T("Read", "lib/greenhouse/sensor/bme280.ex", BME_OLD),
    T("Bash", "ssh greenhouse.local", "Interactive Elixir (1.16.3) - press Ctrl+C to exit (type h() ENTER for help)\n"
      "████▄▖    ▐███\n█▌  ▀▜█▙▄▖  ▐█\n█▌ ▐█▄▖▝▀█▌ ▐█   N  E  R  V  E  S\n█▌   ▝▀█▙▄▖ ▐█\n███▌    ▀▜████\n\n"
      "Toolshed imported. Run h(Toolshed) for more info.\n" + RINGLOG),
    T("Bash", "ssh greenhouse.local 'Circuits.I2C.detect_devices(\"i2c-1\")'", "Devices on I2C bus \"i2c-1\":\n * 118  (0x76)\n\n1 devices detected on 1 I2C buses\n:ok\n"),
    A("The sensor answers on 0x76 reliably, so wiring and address are fine. The problem is timing in `handle_info(:poll, ...)`:\n\n"
      "it writes `ctrl_meas` with mode `01` (forced mode) and then immediately does `write_read` of the data registers. In forced "
      "mode the chip starts one measurement when you write `ctrl_meas`; with oversampling x1 for T, P and H that takes up to ~9.3 ms. "
      "Reading during the conversion either gets NAKed (the chip is busy) or returns the stale/reset registers, which compensate to "
      "85.0 °C and 0 % humidity. Whether you hit it depends on bus and scheduler timing, hence 'every third reading'.\n\n"
      "Fix: after triggering, poll the status register `0xF3` until bit 3 (`measuring`) is clear, with a small sleep and a bounded "
      "number of attempts, then read the data."),
    U("ohh. that makes sense actually. yeah do that. hm, sleep in a GenServer feels dirty but it's 10ms, whatever."),
    T("Edit", "lib/greenhouse/sensor/bme280.ex",
      "@@ -6,6 +6,7 @@ defmodule Greenhouse.Sensor.BME280 do\n   @ctrl_hum 0xF2\n+  @status 0xF3\n   @ctrl_meas 0xF4\n   @data_start 0xF7\n@@ -25,8 +26,9 @@ defmodule Greenhouse.Sensor.BME280 do\n     :ok = I2C.write(state.i2c, state.addr, <<@ctrl_meas, 0b001_001_01>>)\n \n     state =\n-      case I2C.write_read(state.i2c, state.addr, <<@data_start>>, 8) do\n+      with :ok <- wait_measured(state, 10),\n+           {:ok, raw} <- I2C.write_read(state.i2c, state.addr, <<@data_start>>, 8) do\n+        %{state | latest: Calibration.compensate(raw, state.calib)}\n+      else\n-        {:ok, raw} -> %{state | latest: Calibration.compensate(raw, state.calib)}\n         {:error, reason} ->\n@@ -38,4 +40,17 @@ defmodule Greenhouse.Sensor.BME280 do\n+  # Forced mode: the conversion takes up to ~9.3ms (osrs x1). Reading earlier\n+  # gives NAKs or reset values (85.0 C). Poll status.measuring (bit 3).\n+  defp wait_measured(_state, 0), do: {:error, :measure_timeout}\n+\n+  defp wait_measured(state, attempts) do\n+    Process.sleep(2)\n+\n+    case I2C.write_read(state.i2c, state.addr, <<@status>>, 1) do\n+      {:ok, <<_::4, 0::1, _::3>>} -> :ok\n+      {:ok, _busy} -> wait_measured(state, attempts - 1)\n+      {:error, _} -> wait_measured(state, attempts - 1)\n+    end\n+  end"),
    T("Bash", "mix test", "==> greenhouse\nRunning ExUnit with seed: 481022, max_cases: 8\n\n.......\nFinished in 0.09 seconds (0.05s async, 0.04s sync)\n7 tests, 0 failures\n"),
    T("Bash", "MIX_TARGET=rpi0_2 mix firmware && MIX_TARGET=rpi0_2 mix upload greenhouse.local", firmware_ok() + UPLOAD),
    T("Bash", "sleep 600; ssh greenhouse.local 'RingLogger.grep(~r/bme280/)' | tail -n 8",
      "\n".join(f"10:{41+i:02d}:{(i*29)%60:02d}.{200+i*13:03d} [debug] bme280 reading: %{{temp_c: {21.9+i*0.1:.1f}, humidity: {61.8-i*0.2:.1f}, pressure_hpa: 1009.{4+i%3}}}" for i in range(8)) + "\n:ok\n"),
    A("Ten minutes, 20 readings, no NAKs and no 85.0 values."),
    U("nice!! ok next thing, and this is the bigger one. I want to keep history on the device, because the wifi out there drops "
      "a lot, and then show a graph on a little local web page later. What do we store it in. SQLite I guess? I know SQL."),
    A("Options:\n1. **SQLite via `exqlite`** (or ecto_sqlite3 on top): SQL you know, a NIF that has to be cross-compiled for the target.\n"
      "2. **CubDB**: pure-Elixir embedded key/value store, append-only file on `/data`, no NIF, keys can be `{:bme280, timestamp}` so "
      "range selects for a graph are easy.\n"
      "3. Don't store locally: push to InfluxDB on your NAS and buffer in memory when wifi is down.\n\n"
      "SQLite is the most familiar, so let's try exqlite first and see if it builds for rpi0_2."),
    U("yeah try sqlite"),
    T("Edit", "mix.exs", "@@ -33,6 +33,7 @@ defmodule Greenhouse.MixProject do\n       {:circuits_gpio, \"~> 2.0\"},\n+      {:exqlite, \"~> 0.23\"},\n       {:nerves_runtime, \"~> 0.13.0\", targets: @all_targets},"),
    T("Bash", "mix deps.get && MIX_TARGET=rpi0_2 mix firmware", "Resolving Hex dependencies...\nResolution completed in 0.211s\nNew:\n  cc_precompiler 0.1.10\n  elixir_make 0.8.4\n  exqlite 0.23.0\n* Getting exqlite (Hex package)\n* Getting elixir_make (Hex package)\n* Getting cc_precompiler (Hex package)\n" + EXQLITE_FAIL),
    A("No precompiled NIF for `aarch64-nerves-linux-gnu`, so it compiles the SQLite amalgamation from source, and `cc1` got "
      "killed, which is the OOM killer: `sqlite3.c` is ~9 MB of C and at -O2 gcc needs more RAM than this build VM has."),
    T("Bash", "free -m", "               total        used        free      shared  buff/cache   available\nMem:            1987        1412         118          12         457         413\nSwap:              0           0           0\n"),
    U("ugh, yeah, the build VM has 2GB and no swap. I could give it more ram but honestly then every new laptop/CI box has the same "
      "problem... meh. Hm. You know what, let's not. Go with CubDB, pure Elixir, less moving parts. And keep 14 days, that's plenty "
      "for a graph. Oh and keep the one-GenServer-per-sensor thing, I like that each sensor can crash on its own."),
    T("Bash", "git checkout mix.exs mix.lock && mix deps.clean exqlite elixir_make cc_precompiler --unlock", "* Cleaning exqlite\n* Cleaning elixir_make\n* Cleaning cc_precompiler\n"),
    T("Edit", "mix.exs", "@@ -33,6 +33,7 @@ defmodule Greenhouse.MixProject do\n       {:circuits_gpio, \"~> 2.0\"},\n+      {:cubdb, \"~> 2.0\"},\n       {:nerves_runtime, \"~> 0.13.0\", targets: @all_targets},"),
    T("Edit", "lib/greenhouse/history.ex",
      "@@ -0,0 +1,34 @@\n+defmodule Greenhouse.History do\n+  @moduledoc \"Readings history in CubDB on the /data partition. Keys: {sensor, unix_ms}.\"\n+  use GenServer\n+\n+  @retention_ms :timer.hours(24 * 14)\n+  @prune_every :timer.hours(6)\n+\n+  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)\n+\n+  def put(sensor, reading), do: CubDB.put(db(), {sensor, System.os_time(:millisecond)}, reading)\n+\n+  def range(sensor, from_ms, to_ms),\n+    do: CubDB.select(db(), min_key: {sensor, from_ms}, max_key: {sensor, to_ms}) |> Enum.to_list()\n+\n+  defp db, do: Greenhouse.History.DB\n+\n+  @impl true\n+  def init(opts) do\n+    dir = Keyword.get(opts, :data_dir, \"/data/history\")\n+    {:ok, _} = CubDB.start_link(data_dir: dir, name: db(), auto_compact: true)\n+    Process.send_after(self(), :prune, @prune_every)\n+    {:ok, %{}}\n+  end\n+\n+  @impl true\n+  def handle_info(:prune, state) do\n+    cutoff = System.os_time(:millisecond) - @retention_ms\n+    old = CubDB.select(db(), filter: fn {{_s, ts}, _} -> ts < cutoff end) |> Enum.map(&elem(&1, 0))\n+    CubDB.delete_multi(db(), old)\n+    Process.send_after(self(), :prune, @prune_every)\n+    {:noreply, state}\n+  end\n+end\n"),
    T("Bash", "mix deps.get && mix test && MIX_TARGET=rpi0_2 mix firmware && MIX_TARGET=rpi0_2 mix upload greenhouse.local",
      "Resolving Hex dependencies...\nNew:\n  cubdb 2.0.2\n* Getting cubdb (Hex package)\nRunning ExUnit with seed: 77120, max_cases: 8\n\n.........\nFinished in 0.31 seconds (0.12s async, 0.19s sync)\n9 tests, 0 failures\n"
      + firmware_ok("==> cubdb\nCompiling 13 files (.ex)\nGenerated cubdb app\n") + UPLOAD),
    T("Read", "config/target.exs", TARGET_EXS),
    A("Firmware with CubDB is on the device; readings are written under `/data/history` and pruned to 14 days every 6 hours. "
      "While I was in there I noticed `config/target.exs` has the WiFi PSK in plain text, and the repo is on GitHub. Do you want me "
      "to move it to an environment variable read at build time (`System.fetch_env!(\"GREENHOUSE_PSK\")`)?"),
    U("hmm good point, it's a private repo but still. not today though, I'm tired. What's left... OTA. Someday I want NervesHub so "
      "I can update it when I'm not on the same wifi, but that's a weekend project. Let me write that down somewhere. Thanks!"),
    A("Sounds good. For the record, left open: NervesHub OTA setup, and moving the WiFi PSK out of `config/target.exs`."),
]

session = {
    "id": "nerves_greenhouse",
    "project": "greenhouse",
    "cwd_files": ["lib/greenhouse/sensor/bme280.ex", "lib/greenhouse/history.ex", "mix.exs", "config/target.exs"],
    "turns": turns,
    "gold": [
        {"kind": "PROJECT", "summary": "greenhouse: Nerves 1.10 / Elixir 1.16 firmware for Pi Zero 2 W (rpi0_2) with a BME280 over I2C",
         "all_of": ["nerves"], "any_of": ["rpi0_2", "zero 2", "bme280", "1.10", "1.16"], "files": ["mix.exs"]},
        {"kind": "PATTERN", "summary": "Deploy with mix firmware + mix upload greenhouse.local over SSH, no SD card burning",
         "all_of": ["upload"], "any_of": ["greenhouse.local", "ssh", "mix firmware", "burn"], "files": []},
        {"kind": "FAILED", "summary": "VintageNetWizard captive portal never showed on iPhones; dropped, WiFi hardcoded in target.exs",
         "all_of": ["wizard"], "any_of": ["iphone", "ios", "captive", "portal", "dropped"], "files": [], "failure": True},
        {"kind": "BUG_FIX", "summary": "BME280 i2c_nak / 85.0C readings: read before forced-mode conversion finished; poll status 0xF3 measuring bit",
         "all_of": ["bme280"], "any_of": ["forced", "measuring", "0xf3", "status", "conversion", "85"], "files": ["lib/greenhouse/sensor/bme280.ex"]},
        {"kind": "FAILED", "summary": "exqlite/SQLite on rpi0_2: no precompiled NIF, cross-compiling sqlite3.c OOM-killed on 2GB build VM; reverted",
         "all_of": ["exqlite"], "any_of": ["nif", "oom", "killed", "cross", "compile", "memory", "ram"], "files": [], "failure": True},
        {"kind": "DECISION", "summary": "Readings history in CubDB (pure Elixir) under /data/history, 14-day retention",
         "all_of": ["cubdb"], "any_of": ["/data", "14", "pure elixir", "history", "retention"], "files": ["lib/greenhouse/history.ex"]},
        {"kind": "PATTERN", "summary": "One GenServer per sensor so each can crash independently",
         "all_of": ["genserver"], "any_of": ["per sensor", "each sensor", "one genserver", "crash"], "files": []},
        {"kind": "TODO", "summary": "Set up NervesHub for OTA updates (weekend project)",
         "all_of": ["nerveshub"], "any_of": ["ota", "set up", "setup", "update", "todo"], "files": []},
        {"kind": "TODO", "summary": "Move WiFi PSK from config/target.exs to a build-time env var",
         "all_of": ["psk"], "any_of": ["env", "target.exs", "move", "plain text"], "files": ["config/target.exs"]},
    ],
    "dead_ends": [
        {"summary": "Push readings to InfluxDB on the NAS instead of storing locally, not picked", "all_of": ["influx"]},
    ],
    "secrets": [PSK],
}

if __name__ == "__main__":
    write(session)
