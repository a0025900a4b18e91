from _common import U, A, T, G, D, write
import random

random.seed(4)

INGEST = '''module Ingest

using CSV, DataFrames, Dates

export read_gateway_dump

const COLS = [:station, :ts, :pm25, :pm10, :no2, :temp, :rh]

"""
    read_gateway_dump(path) -> DataFrame

Read one raw CSV dump from a sensor gateway.
"""
function read_gateway_dump(path::AbstractString)
    df = CSV.read(path, DataFrame;
                  dateformat = dateformat"yyyy-mm-dd HH:MM:SS",
                  types = Dict(:station => String, :ts => DateTime),
                  missingstring = ["", "NA"])
    select!(df, COLS)
    df.gateway .= basename(dirname(path))
    return df
end

end # module
'''

HEAD = '''station,ts,pm25,pm10,no2,temp,rh
ST-B-004,2024-11-20 00:00:00,7.4,12.9,18.2,6.1,88
ST-B-004,2024-11-20 00:01:00,-999,-999,18.4,6.1,88
ST-B-004,2024-11-20 00:02:00,7.9,13.3,-999,6.0,89
ST-B-011,2024-11-20 00:00:00,-999,-999,-999,5.8,91
ST-B-011,2024-11-20 00:01:00,11.2,19.8,22.0,5.8,91
ST-B-011,2024-11-20 00:02:00,-999,-999,21.7,-999,-999
$ grep -c -- '-999' data/raw/gw-b/2024-11-20.csv data/raw/gw-a/2024-11-20.csv
data/raw/gw-b/2024-11-20.csv:14207
data/raw/gw-a/2024-11-20.csv:0'''

INGEST_EDIT = '''--- a/src/ingest.jl
+++ b/src/ingest.jl
@@ -10,11 +10,14 @@ const COLS = [:station, :ts, :pm25, :pm10, :no2, :temp, :rh]
 """
     read_gateway_dump(path) -> DataFrame

-Read one raw CSV dump from a sensor gateway.
+Read one raw CSV dump from a sensor gateway. Gateways on the old firmware (group B)
+write -999 for "no reading"; it is read as `missing`, never as a value.
 """
 function read_gateway_dump(path::AbstractString)
     df = CSV.read(path, DataFrame;
                   dateformat = dateformat"yyyy-mm-dd HH:MM:SS",
                   types = Dict(:station => String, :ts => DateTime),
-                  missingstring = ["", "NA"])
+                  missingstring = ["", "NA", "-999", "-999.0"])
     select!(df, COLS)'''

AGG_EDIT = '''--- a/src/aggregate.jl
+++ b/src/aggregate.jl
@@ -8,12 +8,15 @@ function hourly(df::DataFrame)
     df = @transform(df, :hour = floor.(:ts, Hour))
     g = groupby(df, [:station, :hour])
     return @combine(g,
-        :pm25 = mean(:pm25),
-        :pm10 = mean(:pm10),
-        :no2  = mean(:no2),
-        :temp = mean(:temp),
-        :rh   = mean(:rh),
-        :n    = length(:pm25))
+        :pm25 = _mean(:pm25),
+        :pm10 = _mean(:pm10),
+        :no2  = _mean(:no2),
+        :temp = _mean(:temp),
+        :rh   = _mean(:rh),
+        :n    = count(!ismissing, :pm25))
 end
+
+# mean over the readings that exist; missing if the hour has none at all
+_mean(x) = (v = collect(skipmissing(x)); isempty(v) ? missing : mean(v))'''

PKGS = ["Compat", "OrderedCollections", "DataAPI", "Tables", "PrettyTables", "InvertedIndices", "Missings",
        "SortingAlgorithms", "PooledArrays", "InlineStrings", "WeakRefStrings", "FilePathsBase", "SentinelArrays",
        "CodecZlib", "TranscodingStreams", "Parsers", "CSV", "Reexport", "DataStructures", "Crayons", "StringManipulation",
        "LaTeXStrings", "DataFrames", "MacroTools", "Chain", "DataFramesMeta", "Mocking", "TimeZones", "TZJData",
        "StatsAPI", "StatsBase", "LogExpFunctions", "IrrationalConstants", "DocStringExtensions", "ChainRulesCore",
        "TOML", "SensorETL"]
pre = ["Precompiling project..."]
for p in PKGS:
    pre.append(f"  ✓ {p}")
pre.append(f"  {len(PKGS)} dependencies successfully precompiled in 187 seconds. 14 already precompiled.")

TESTSETS = [("ingest", 31), ("ingest: sentinel values", 9), ("clean: spikes", 24), ("clean: flatline detection", 12),
            ("clean: gaps", 18), ("aggregate: hourly", 27), ("aggregate: empty hours", 6), ("aggregate: skipmissing", 8),
            ("export", 11), ("end to end (fixture gw-a)", 14), ("end to end (fixture gw-b)", 14)]
PKG_TEST = "\n".join([
    "     Testing SensorETL",
    "      Status `/tmp/jl_Qx81aP/Project.toml`",
    "  [336ed68f] CSV v0.10.14",
    "  [a93c6f00] DataFrames v1.6.1",
    "  [1313f7d8] DataFramesMeta v0.15.2",
    "  [f269a46b] TimeZones v1.16.0",
    "  [2913bbd2] StatsBase v0.34.3",
    "  [8dfed614] Test `@stdlib/Test`",
    "  [ade2ca70] Dates `@stdlib/Dates`",
    "      Status `/tmp/jl_Qx81aP/Manifest.toml`",
] + [f"  [{random.randrange(16**8):08x}] {p} v{random.randint(0,2)}.{random.randint(0,20)}.{random.randint(0,9)}" for p in PKGS[:-1]]
  + pre + [
    "     Testing Running tests...",
    "Test Summary:                | Pass  Total   Time",
] + [f"{name:<29}|{n:>5}{n:>7}{random.uniform(0.1, 9):6.1f}s" for name, n in TESTSETS] + [
    f"{'SensorETL':<29}|{sum(n for _, n in TESTSETS):>5}{sum(n for _, n in TESTSETS):>7}  41.3s",
    "     Testing SensorETL tests passed "])

CLEAN = '''module Clean

using DataFrames, DataFramesMeta, Statistics

export clean_all, clean_station

"""Remove spikes (> 6 MAD), flatlines (same value > 30 min) and readings outside sensor range."""
function clean_station(df::DataFrame)
    df = sort(df, :ts)
    df = drop_out_of_range(df)
    df = drop_spikes(df; k = 6)
    df = drop_flatlines(df; minutes = 30)
    return df
end

function clean_all(df::DataFrame)
    out = similar(df, 0)
    for sub in groupby(df, :station)
        append!(out, clean_station(DataFrame(sub)))
    end
    return out
end

# ... drop_out_of_range / drop_spikes / drop_flatlines below
end
'''

THREADS_EDIT = '''--- a/src/clean.jl
+++ b/src/clean.jl
@@ -16,9 +16,10 @@ end

 function clean_all(df::DataFrame)
     out = similar(df, 0)
-    for sub in groupby(df, :station)
-        append!(out, clean_station(DataFrame(sub)))
+    groups = collect(groupby(df, :station))
+    Threads.@threads for sub in groups
+        append!(out, clean_station(DataFrame(sub)))
     end
     return out
 end'''

THREADS_FAIL = '''[ Info: month 2024-10: 31 files from gw-a, 31 files from gw-b, 31 files from gw-lis
[ Info: ingest done: 41_907_352 rows in 71.4 s
ERROR: LoadError: TaskFailedException

    nested task error: AssertionError: Data frame is corrupt: length of column :pm25 (1843302) does not match length of column 1 (1843298). The column vector has likely been resized unintentionally (either directly or because it is shared with another data frame).
    Stacktrace:
      [1] _check_consistency(df::DataFrame)
        @ DataFrames ~/.julia/packages/DataFrames/58MUJ/src/dataframe/dataframe.jl:483
      [2] append!(df1::DataFrame, df2::DataFrame; cols::Symbol, promote::Bool)
        @ DataFrames ~/.julia/packages/DataFrames/58MUJ/src/dataframe/insertion.jl:137
      [3] macro expansion
        @ ~/code/sensor-etl/src/clean.jl:21 [inlined]
      [4] (::SensorETL.Clean.var"#12#threadsfor_fun#5"{SensorETL.Clean.var"#12#threadsfor_fun#4#6"{DataFrame, Vector{SubDataFrame{DataFrame, DataFrames.Index, Vector{Int64}}}}})(tid::Int64; onethread::Bool)
        @ SensorETL.Clean ./threadingconstructs.jl:215
      [5] #12#threadsfor_fun
        @ ./threadingconstructs.jl:182 [inlined]
      [6] (::Base.Threads.var"#1#2"{SensorETL.Clean.var"#12#threadsfor_fun#5"{SensorETL.Clean.var"#12#threadsfor_fun#4#6"{DataFrame, Vector{SubDataFrame{DataFrame, DataFrames.Index, Vector{Int64}}}}}, Int64})()
        @ Base.Threads ./threadingconstructs.jl:154

    ...and 3 more exceptions.

Stacktrace:
 [1] threading_run(fun::SensorETL.Clean.var"#12#threadsfor_fun#5"{SensorETL.Clean.var"#12#threadsfor_fun#4#6"{DataFrame, Vector{SubDataFrame{DataFrame, DataFrames.Index, Vector{Int64}}}}}, static::Bool)
   @ Base.Threads ./threadingconstructs.jl:172
 [2] macro expansion
   @ ./threadingconstructs.jl:220 [inlined]
 [3] clean_all(df::DataFrame)
   @ SensorETL.Clean ~/code/sensor-etl/src/clean.jl:20
 [4] run_month(month::String; outdir::String)
   @ Main ~/code/sensor-etl/scripts/run.jl:34
 [5] top-level scope
   @ ~/code/sensor-etl/scripts/run.jl:61
in expression starting at /home/ines/code/sensor-etl/scripts/run.jl:61'''

PARTS_EDIT = '''--- a/src/clean.jl
+++ b/src/clean.jl
@@ -16,10 +16,12 @@ end

 function clean_all(df::DataFrame)
-    out = similar(df, 0)
     groups = collect(groupby(df, :station))
+    # one slot per station: each task writes only its own slot, no shared mutation
+    parts = Vector{DataFrame}(undef, length(groups))
-    Threads.@threads for sub in groups
-        append!(out, clean_station(DataFrame(sub)))
+    Threads.@threads for i in eachindex(groups)
+        parts[i] = clean_station(DataFrame(groups[i]))
     end
-    return out
+    return reduce(vcat, parts)
 end'''

stations = [f"ST-{g}-{n:03d}" for g, k in (("A", 48), ("B", 52), ("LIS", 20)) for n in range(1, k + 1)]
run_lines = ["[ Info: month 2024-10: 31 files from gw-a, 31 files from gw-b, 31 files from gw-lis",
             "[ Info: ingest done: 41_907_352 rows in 70.9 s",
             "[ Info: cleaning 120 stations on 8 threads"]
for st in stations:
    rows = random.randint(298_000, 362_000)
    run_lines.append(f"[ Info: cleaned {st}: {rows} rows, dropped {random.randint(0, 4000)} "
                     f"(spikes {random.randint(0, 900)}, flatlines {random.randint(0, 3000)}, range {random.randint(0, 120)}) "
                     f"thread {random.randint(1, 8)}")
run_lines += ["[ Info: cleaning done in 96.2 s",
              "[ Info: hourly aggregation: 89_280 station-hours in 11.8 s",
              "[ Info: wrote out/hourly_2024-10.csv (2.1 GB) in 49.6 s",
              "",
              "real\t3m48.114s",
              "user\t17m2.530s",
              "sys\t0m21.870s"]
RUN_OK = "\n".join(run_lines)

RUNJL_EDIT = '''--- a/scripts/run.jl
+++ b/scripts/run.jl
@@ -1,6 +1,7 @@
 using SensorETL
-using CSV, DataFrames, Dates
+using DataFrames, Dates
+using Arrow

@@ -38,8 +39,9 @@ function run_month(month::String; outdir::String = "out")
     hourly = Aggregate.hourly(cleaned)
-    path = joinpath(outdir, "hourly_$(month).csv")
-    CSV.write(path, hourly)
+    # Arrow IPC (Feather v2), zstd: the dashboard reads it with polars.read_ipc
+    path = joinpath(outdir, "hourly_$(month).arrow")
+    Arrow.write(path, hourly; compress = :zstd)
     @info "wrote $(path) ($(Base.format_bytes(filesize(path))))"
 end'''

PKG_ADD = '''   Resolving package versions...
   Installed ArrowTypes ─────── v2.3.0
   Installed BitIntegers ────── v0.3.1
   Installed CodecLz4 ───────── v0.4.5
   Installed CodecZstd ──────── v0.8.5
   Installed Arrow ──────────── v2.7.2
   Installed Lz4_jll ────────── v1.9.4+0
   Installed Zstd_jll ───────── v1.5.6+0
    Updating `~/code/sensor-etl/Project.toml`
  [69666777] + Arrow v2.7.2
    Updating `~/code/sensor-etl/Manifest.toml`
  [69666777] + Arrow v2.7.2
  [31f734f8] + ArrowTypes v2.3.0
  [c3b6d118] + BitIntegers v0.3.1
  [5ba52731] + CodecLz4 v0.4.5
  [6b39b394] + CodecZstd v0.8.5
  [5ced341a] + Lz4_jll v1.9.4+0
  [3161d3a3] + Zstd_jll v1.5.6+0
Precompiling project...
  ✓ ArrowTypes
  ✓ CodecZstd
  ✓ Arrow
  ✓ SensorETL
  4 dependencies successfully precompiled in 38 seconds. 61 already precompiled.
[ Info: month 2024-10: 31 files from gw-a, 31 files from gw-b, 31 files from gw-lis
[ Info: ingest done: 41_907_352 rows in 71.2 s
[ Info: cleaning done in 95.7 s
[ Info: hourly aggregation: 89_280 station-hours in 11.6 s
[ Info: wrote out/hourly_2024-10.arrow (312.4 MiB)

real\t3m11.402s'''

GATEWAYS = '''# config/gateways.toml
[gw-a]
site = "Porto"
tz = "UTC"

[gw-b]
site = "Braga"
tz = "UTC"
firmware = "1.x"   # writes -999 for missing readings

[gw-lis]
site = "Lisboa"
tz = "Europe/Lisbon"   # sends local wall-clock time'''

TZ_EDIT = '''--- a/src/ingest.jl
+++ b/src/ingest.jl
@@ -1,8 +1,9 @@
 module Ingest

-using CSV, DataFrames, Dates
+using CSV, DataFrames, Dates, TimeZones, TOML

 export read_gateway_dump

 const COLS = [:station, :ts, :pm25, :pm10, :no2, :temp, :rh]
+const GATEWAYS = TOML.parsefile(joinpath(@__DIR__, "..", "config", "gateways.toml"))
@@ -22,6 +23,16 @@ function read_gateway_dump(path::AbstractString)
     select!(df, COLS)
-    df.gateway .= basename(dirname(path))
+    gw = basename(dirname(path))
+    df.gateway .= gw
+    # Everything downstream is UTC. Gateways sending local time are converted here,
+    # once, at ingest (DST-aware; ambiguous autumn hour resolved to the first occurrence).
+    tz = TimeZone(GATEWAYS[gw]["tz"])
+    if tz != tz"UTC"
+        df.ts = [DateTime(astimezone(ZonedDateTime(t, tz, 1), tz"UTC")) for t in df.ts]
+    end
     return df
 end'''

turns = [
    U("Morning! Hope you're well. So, the hourly averages for station group B look completely bonkers — negative PM2.5 "
      "values in the dashboard, like -412 µg/m³, which is physically impossible obviously :) I'm pretty sure it's "
      "something in our ingest step. Quick context since it's a fresh session: sensor-etl is our Julia pipeline, it reads "
      "the raw CSV dumps from the sensor gateways, cleans them, aggregates hourly and writes out files the dashboard reads. "
      "We used Query.jl at first but the compile latency was awful, like 90 seconds before anything happened, so we moved "
      "everything to DataFramesMeta last spring and it's been much nicer since. Anyway, could you have a look at src/ingest.jl?"),
    T("Read", "src/ingest.jl", INGEST),
    T("Bash", "head -7 data/raw/gw-b/2024-11-20.csv && grep -c -- '-999' data/raw/gw-b/2024-11-20.csv data/raw/gw-a/2024-11-20.csv", HEAD),
    A("There it is: the gw-b gateways write `-999` when a sensor has no reading (14k times in one day's file; gw-a never "
      "does). `missingstring` is only `[\"\", \"NA\"]`, so CSV.jl parses `-999` as a perfectly valid `-999.0`, and "
      "`mean` happily averages it in — a few of those in an hour give you -412.\n\nFix: add `\"-999\"` (and `\"-999.0\"` "
      "to be safe) to `missingstring` so they become `missing`, and make the hourly means skip missings — right now "
      "`mean(:pm25)` would return `missing` for any hour containing one."),
    U("Ha, of course, the old firmware on the Braga boxes. Yes please, go ahead."),
    T("Edit", "src/ingest.jl", INGEST_EDIT),
    T("Edit", "src/aggregate.jl", AGG_EDIT),
    T("Edit", "test/test_ingest.jl", '''--- a/test/test_ingest.jl
+++ b/test/test_ingest.jl
@@ -40,3 +40,14 @@ end
+
+@testset "ingest: sentinel values" begin
+    df = read_gateway_dump(joinpath(@__DIR__, "fixtures", "gw-b", "sentinels.csv"))
+    @test count(ismissing, df.pm25) == 3
+    @test all(x -> ismissing(x) || x >= 0, df.pm25)
+    h = Aggregate.hourly(df)
+    @test all(x -> ismissing(x) || x >= 0, h.pm25)
+    @test h.n[1] == 57   # 60 minutes, 3 without reading
+end'''),
    T("Bash", "julia --project -e 'using Pkg; Pkg.test()'", PKG_TEST),
    A("All 174 tests pass, including the new sentinel testset. Hourly means now ignore missing readings, and `n` counts "
      "only real readings, so you can see how many minutes an hour is based on."),
    U("Lovely. By the way — I'm a big fan of keeping every pipeline step as a pure function, DataFrame in, DataFrame out, "
      "no file IO inside the steps; IO only happens in scripts/run.jl. Makes testing trivial, as you just saw. The rest of "
      "the code is like that, just keep it that way please. Now, the thing I actually wanted to do today: a full run over "
      "a month of data takes ~14 minutes and it's almost all in the per-station cleaning loop. The box has 8 cores and we "
      "run single-threaded. Can we parallelise that?"),
    T("Read", "src/clean.jl", CLEAN),
    A("Each station is cleaned independently, so it's embarrassingly parallel. Simplest change: collect the groups and "
      "put `Threads.@threads` on the loop, then run with `julia -t 8`."),
    T("Edit", "src/clean.jl", THREADS_EDIT),
    T("Bash", "time julia -t 8 --project scripts/run.jl --month 2024-10", THREADS_FAIL),
    A("My mistake: `append!` on the shared `out` DataFrame from several threads at once is a data race — two tasks "
      "resize the column vectors concurrently and DataFrames detects the columns have different lengths (\"Data frame is "
      "corrupt\"). DataFrame mutation isn't thread-safe. I'll revert that, and instead preallocate a "
      "`Vector{DataFrame}` with one slot per station: each task writes only `parts[i]`, and after the loop "
      "`reduce(vcat, parts)` builds the result single-threaded. `clean_all` stays a pure DataFrame → DataFrame function."),
    U("Oof, yes, revert that — my bad for not spotting it either. Go with the vector of parts."),
    T("Edit", "src/clean.jl", PARTS_EDIT),
    T("Bash", "time julia -t 8 --project scripts/run.jl --month 2024-10", RUN_OK),
    A("Works: cleaning 96 s on 8 threads, whole month 3m48s instead of ~14 min. Output is identical row-for-row to the "
      "single-threaded run (I compared the hourly CSV checksums). The remaining big chunks are the 71 s ingest and the "
      "50 s CSV write of a 2.1 GB file."),
    U("Brilliant!!! 14 → under 4 minutes, the team will be thrilled. Now, about that output: we write one big CSV per "
      "month, 2.1 GB, and the dashboard folks keep complaining it takes forever to load. Ideas?"),
    A("A few:\n- **Arrow** (Arrow.jl, Feather v2 / IPC): columnar, typed, can be memory-mapped, zstd/lz4 compression; "
      "polars, pandas/pyarrow and DuckDB read it directly.\n- **Parquet** via Parquet2.jl: usually smallest on disk, but "
      "the Julia writer is less mature and slower to write.\n- **Gzipped CSV**: smaller, but still slow to parse on their side.\n\n"
      "If the dashboard is Python, Arrow is the least friction."),
    U("Arrow, sounds good. The dashboard is polars-based so it should read it fine."),
    T("Edit", "scripts/run.jl", RUNJL_EDIT),
    T("Bash", "julia --project -e 'using Pkg; Pkg.add(\"Arrow\")' && time julia -t 8 --project scripts/run.jl --month 2024-10", PKG_ADD),
    T("Bash", "python -c \"import polars as pl; df = pl.read_ipc('out/hourly_2024-10.arrow'); print(df.shape); print(df.schema)\"",
      "(89280, 9)\nSchema([('station', String), ('hour', Datetime(time_unit='ms', time_zone=None)), ('pm25', Float64), "
      "('pm10', Float64), ('no2', Float64), ('temp', Float64), ('rh', Float64), ('n', Int64), ('gateway', String)])"),
    A("`out/hourly_2024-10.arrow` is 312 MiB (zstd) instead of 2.1 GB, written in a few seconds, and polars "
      "`read_ipc` loads it with the right types. Whole run now 3m11s."),
    U("Oh wait, one more thing I noticed while looking at the Lisbon numbers last week: the Lisbon gateway sends local "
      "time, the other two send UTC. So the Lisbon hours are shifted by one in winter... hmm. or zero? it's "
      "Europe/Lisbon, so UTC+0 in winter and +1 in summer I think. Anyway it's wrong half the year."),
    T("Read", "config/gateways.toml", GATEWAYS),
    A("Right — Lisbon is UTC+0 in winter and UTC+1 in summer, so October data before the 27th is off by an hour. "
      "The tz is already in config/gateways.toml, so I'll convert at ingest: every timestamp becomes UTC in "
      "`read_gateway_dump` using TimeZones.jl, and everything downstream can assume UTC."),
    T("Edit", "src/ingest.jl", TZ_EDIT),
    T("Bash", "julia --project -e 'using Pkg; Pkg.test()' 2>&1 | tail -n 4",
      "aggregate: skipmissing       |    8      8   0.4s\nend to end (fixture gw-b)    |   14     14   3.1s\n"
      "SensorETL                    |  181    181  42.0s\n     Testing SensorETL tests passed "),
    A("Done, tests pass (I added a DST-boundary case for 2024-10-27). Do you want me to backfill September and October "
      "with the corrected Lisbon timestamps?"),
    U("Right, I'm off to lunch. Note for next time: the cron job still spends ~40 s just on startup and compilation "
      "before it does anything, we should build a sysimage with PackageCompiler for it. Thanks a lot, this was super productive!"),
    A("Enjoy lunch! Open for next time: a PackageCompiler sysimage for the cron job to cut the ~40 s startup."),
]

s = {
    "id": "julia_sensor",
    "project": "sensor-etl",
    "cwd_files": ["Project.toml", "Manifest.toml", "config/gateways.toml", "src/SensorETL.jl", "src/ingest.jl",
                  "src/clean.jl", "src/aggregate.jl", "scripts/run.jl", "test/runtests.jl", "test/test_ingest.jl"],
    "turns": turns,
    "gold": [
        G("PROJECT", "sensor-etl: Julia pipeline (CSV.jl, DataFrames/DataFramesMeta) aggregating sensor gateway dumps hourly for a dashboard",
          ["sensor-etl"], ["julia", "dataframes", "hourly", "pipeline"]),
        G("FAILED", "Query.jl abandoned: ~90 s compile latency; moved to DataFramesMeta",
          ["query.jl"], ["latency", "compile", "90", "dataframesmeta", "slow"], failure=True),
        G("BUG_FIX", "negative PM2.5 averages: gw-b old firmware writes -999 for no reading; now read as missing (missingstring) and skipped in means",
          ["-999"], ["missing", "sentinel", "negative", "firmware", "skipmissing"], ["src/ingest.jl", "src/aggregate.jl"]),
        G("PREFERENCE", "pipeline steps are pure DataFrame-in/DataFrame-out functions; file IO only in scripts/run.jl",
          ["pure"], ["dataframe", "run.jl", "io", "step", "function"]),
        G("FAILED", "Threads.@threads with append! into a shared DataFrame: data race, 'Data frame is corrupt'; reverted",
          ["threads"], ["append", "race", "corrupt", "revert", "thread-safe", "shared"], failure=True),
        G("PATTERN", "parallel per-station cleaning: each thread fills its own slot of a preallocated Vector{DataFrame}, then reduce(vcat); month run 14 min -> 3m48s",
          ["station"], ["vector", "vcat", "3m48", "preallocat", "slot", "14 min"], ["src/clean.jl"]),
        G("DECISION", "monthly output written as Arrow IPC with zstd (312 MiB) instead of 2.1 GB CSV; dashboard reads it with polars",
          ["arrow"], ["csv", "zstd", "polars", "dashboard", "312", "2.1"], ["scripts/run.jl"]),
        G("PATTERN", "all timestamps converted to UTC at ingest with TimeZones.jl, tz per gateway in config/gateways.toml (Lisbon sends local time)",
          ["utc"], ["ingest", "timezones", "lisbon", "gateways.toml", "local time"], ["src/ingest.jl"]),
        G("TODO", "build a PackageCompiler sysimage for the cron job (~40 s startup)",
          ["sysimage"], ["packagecompiler", "cron", "startup", "40"]),
    ],
    "dead_ends": [
        D("Parquet output via Parquet2.jl", ["parquet"]),
        D("gzipped CSV output", ["gzip"]),
        D("Threads.@threads appending into a shared DataFrame", ["threads", "append"]),
    ],
    "secrets": [],
}
write(s)
