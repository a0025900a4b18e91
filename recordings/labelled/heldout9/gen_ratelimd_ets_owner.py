"""Session: Erlang/OTP gen_server with rebar3 (non-native English speaker)."""
import random
from _common import U, A, T, write

random.seed(33)


def crash_reports():
    out = []
    pids = [f"<0.{random.randint(20000, 90000)}.0>" for _ in range(9)]
    for i, pid in enumerate(pids):
        tenant = random.choice(["tenant-42", "tenant-7", "tenant-1031", "tenant-88", "tenant-560"])
        out.append(f"""2026-11-24T03:1{i // 3}:{random.randint(10, 59)}.{random.randint(100000, 999999)}+00:00 error: Supervisor: {{<0.512.0>,ranch_conns_sup}}. Context: child_terminated. Reason: {{badarg,[{{ets,lookup,[ratelim_buckets,<<"api:{tenant}">>],[{{error_info,#{{cause => id,module => erl_stdlib_errors}}}}]}},{{ratelim,check,2,[{{file,"/build/ratelimd/src/ratelim.erl"}},{{line,38}}]}},{{ratelimd_http_h,init,2,[{{file,"/build/ratelimd/src/ratelimd_http_h.erl"}},{{line,21}}]}},{{cowboy_handler,execute,2,[{{file,"/build/ratelimd/_build/default/lib/cowboy/src/cowboy_handler.erl"}},{{line,37}}]}},{{cowboy_stream_h,execute,3,[{{file,"/build/ratelimd/_build/default/lib/cowboy/src/cowboy_stream_h.erl"}},{{line,306}}]}},{{cowboy_stream_h,request_process,3,[{{file,"/build/ratelimd/_build/default/lib/cowboy/src/cowboy_stream_h.erl"}},{{line,295}}]}},{{proc_lib,init_p_do_apply,3,[{{file,"proc_lib.erl"}},{{line,241}}]}}]}}. Offender: id=undefined,pid={pid}.""")
        out.append(f"""2026-11-24T03:1{i // 3}:{random.randint(10, 59)}.{random.randint(100000, 999999)}+00:00 error: crasher:
    initial call: cowboy_stream_h:request_process/3
    pid: {pid}
    registered_name: []
    exception error: bad argument
      in function  ets:lookup/2
         called as ets:lookup(ratelim_buckets,<<"api:{tenant}">>)
         *** argument 1: the table identifier does not refer to an existing ETS table
      in call from ratelim:check/2 (/build/ratelimd/src/ratelim.erl, line 38)
      in call from ratelimd_http_h:init/2 (/build/ratelimd/src/ratelimd_http_h.erl, line 21)
      in call from cowboy_handler:execute/2 (/build/ratelimd/_build/default/lib/cowboy/src/cowboy_handler.erl, line 37)
      in call from cowboy_stream_h:execute/3 (/build/ratelimd/_build/default/lib/cowboy/src/cowboy_stream_h.erl, line 306)
      in call from cowboy_stream_h:request_process/3 (/build/ratelimd/_build/default/lib/cowboy/src/cowboy_stream_h.erl, line 295)
    ancestors: [<0.512.0>,<0.498.0>,ranch_sup,<0.371.0>]
    message_queue_len: 0
    messages: []
    links: [<0.512.0>]
    dictionary: []
    trap_exit: false
    status: running
    heap_size: 987
    stack_size: 28
    reductions: {random.randint(800, 3000)}
  neighbours:""")
    return "\n".join(out)


def bursts():
    random.seed(7)
    out, day, hour = [], 17, 0
    while day <= 24:
        hour += random.choice([2, 3, 3, 4, 5, 6, 7])
        if hour >= 24:
            hour -= 24
            day += 1
        if day > 24:
            break
        minute = random.randint(0, 59)
        out.append(f"{random.randint(40, 900):7d} 2026-11-{day:02d}T{hour:02d}:{minute // 10}")
    return "\n".join(out)


BURSTS = bursts()

RATELIM_ERL = '''-module(ratelim).
-export([check/2, check/3]).

-define(TAB, ratelim_buckets).

%% Token bucket per key. Capacity and refill rate come from app env.
%% Refill is computed lazily from the elapsed monotonic time (no timers).

-spec check(binary(), pos_integer()) -> allow | deny.
check(Key, Cost) ->
    check(Key, Cost, erlang:monotonic_time(millisecond)).

check(Key, Cost, Now) ->
    ensure_table(),
    {Cap, PerSec} = limits(Key),
    case ets:lookup(?TAB, Key) of
        [] ->
            ets:insert(?TAB, {Key, Cap - Cost, Now}),
            allow;
        [{Key, Tokens, Last}] ->
            Refilled = min(Cap, Tokens + (Now - Last) * PerSec div 1000),
            case Refilled >= Cost of
                true ->
                    ets:insert(?TAB, {Key, Refilled - Cost, Now}),
                    allow;
                false ->
                    deny
            end
    end.

ensure_table() ->
    case ets:whereis(?TAB) of
        undefined ->
            ets:new(?TAB, [named_table, public, set, {write_concurrency, true}, {read_concurrency, true}]);
        _ ->
            ok
    end.

limits(<<"api:", _/binary>>) ->
    {application:get_env(ratelimd, api_capacity, 100), application:get_env(ratelimd, api_per_sec, 10)};
limits(_) ->
    {application:get_env(ratelimd, default_capacity, 20), application:get_env(ratelimd, default_per_sec, 2)}.
'''

SERVER_ERL = '''-module(ratelim_server).
-behaviour(gen_server).

-export([start_link/0, stats/0, reset/1]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2]).

start_link() ->
    gen_server:start_link({local, ?MODULE}, ?MODULE, [], []).

stats() -> gen_server:call(?MODULE, stats).
reset(Key) -> gen_server:cast(?MODULE, {reset, Key}).

init([]) ->
    {ok, #{started => erlang:system_time(second)}}.

handle_call(stats, _From, State) ->
    Size = case ets:whereis(ratelim_buckets) of
               undefined -> 0;
               _ -> ets:info(ratelim_buckets, size)
           end,
    {reply, #{buckets => Size, started => maps:get(started, State)}, State}.

handle_cast({reset, Key}, State) ->
    ets:delete(ratelim_buckets, Key),
    {noreply, State}.

handle_info(_Msg, State) ->
    {noreply, State}.
'''

CT_FAIL = '''===> Verifying dependencies...
===> Analyzing applications...
===> Compiling ratelimd
===> Running Common Test suites...
%%% ratelim_SUITE: .......
%%% ratelim_owner_SUITE:
%%% ratelim_owner_SUITE ==> table_survives_caller_exit: FAILED
%%% ratelim_owner_SUITE ==>
Failure/Error: ?assertEqual(deny, ratelim : check ( << "api:t1" >> , 1 , 0 ))
  expected: deny
       got: allow
      line: 36

EXPERIMENTAL: Writing retry specification at /home/joao/ratelimd/_build/test/logs/retry.spec
              call rebar3 ct with '--retry' to re-run failing cases.
Failed 1 tests. Passed 7 tests.
Results written to "/home/joao/ratelimd/_build/test/logs/index.html".
===> Failures occurred running tests: 1'''

CT_OK = '''===> Verifying dependencies...
===> Analyzing applications...
===> Compiling ratelimd
===> Running Common Test suites...
%%% ratelim_SUITE: .......
%%% ratelim_owner_SUITE: .
All 8 tests passed.'''

turns = [
    U("Hello. We have a problem in production with ratelimd (it's our token bucket rate limiter, Erlang/OTP 26, "
      "gen_server + ETS, build with rebar3, cowboy in front). Sometimes, like every few hours, all requests get crash "
      "with badarg from ets:lookup for some seconds and then it comes back alone. Here is a part of the log from "
      "tonight, there is many more same:\n\n" + crash_reports()),
    A("Thanks for the log, that's very useful. `argument 1: the table identifier does not refer to an existing ETS "
      "table` means `ratelim_buckets` did not exist at that moment — so the question is who owns the table and when "
      "it dies. Let me read the limiter code."),
    T("Bash", "zgrep -h 'does not refer to an existing ETS table' /var/log/ratelimd/erlang.log* | cut -c1-16 | sort | uniq -c",
      BURSTS),
    T("Bash", "ls src test && cat rebar.config", '''src:
ratelim.erl  ratelim_server.erl  ratelim_sup.erl  ratelimd.app.src  ratelimd_app.erl  ratelimd_http_h.erl
test:
ratelim_SUITE.erl
{erl_opts, [debug_info, warnings_as_errors]}.
{deps, [
    {cowboy, "2.12.0"},
    {telemetry, "1.3.0"}
]}.
{relx, [{release, {ratelimd, "0.6.2"}, [ratelimd, sasl]},
        {sys_config, "config/sys.config"},
        {vm_args, "config/vm.args"},
        {mode, prod}]}.
{profiles, [{test, [{deps, [{meck, "0.9.2"}]}]}]}.
{dialyzer, [{warnings, [unmatched_returns, error_handling]}]}.'''),
    T("Read", "src/ratelim.erl", RATELIM_ERL),
    T("Read", "src/ratelim_server.erl", SERVER_ERL),
    A("This explains it. `ensure_table/0` creates the table lazily from inside `check/3`, and `check/3` runs in the "
      "*caller* — a cowboy request process. An ETS table is owned by the process that called `ets:new/2` and is deleted "
      "the moment that process exits. So the first HTTP request after boot becomes the owner of `ratelim_buckets`. With "
      "keep-alive that connection can live for hours; when the client finally closes it, the table vanishes together "
      "with all bucket state. Every request in flight at that moment crashes with `badarg`, then the next one that gets "
      "through `ensure_table/0` re-creates the table and becomes the new (equally short-lived) owner. That matches the "
      "\"every few hours, a burst, then it recovers by itself\" pattern exactly. There is also a race: two processes "
      "can both see `undefined` and the second `ets:new` fails with `badarg` because the name is taken.\n\nThe fix is "
      "to give the table a long-lived owner: create it in `ratelim_server:init/1`, which is supervised, and remove "
      "`ensure_table/0` from the hot path. Callers keep reading/writing the public table directly, so no extra "
      "message passing per request.\n\nBefore I change it — is there a reason it was made lazy? I see the comment "
      "about no timers."),
    U("No good reason I think, it was lazy from the first version. About the timers: in the beginning Rui made the "
      "refill with timer:send_interval every 100ms for each bucket, but with 40k tenants the message queue of "
      "ratelim_server goes to more than 200k messages and the latency explode, p99 was like 2 seconds, so we removed "
      "it and now the refill is calculated when check, from the monotonic time. That part works good, please don't "
      "change it. And one important thing: the limiter must fail open. If ratelim has any problem, we allow the "
      "request, we never block customer traffic because of our bug. Today it's the opposite, it crashes the request."),
    A("Understood: keep the lazy refill, move table ownership to the server, and make `check` fail open. Options for "
      "the table owner:\n\n1. `ratelim_server:init/1` creates it (simple; state is lost if the server crashes, but "
      "the supervisor restarts it immediately).\n2. Same, plus `{heir, SupPid, ...}` so bucket state survives a server "
      "crash — needs a small `ETS-TRANSFER` handshake on restart.\n3. Route every check through `gen_server:call` to "
      "the server so only it touches the table.\n\nI'd go with 1; 3 would serialise all traffic through one process "
      "and bring back the mailbox problem."),
    U("1 is good. The gen_server:call one no, like you say it's bottleneck."),
    A("First I'll write a test that reproduces it: a temporary process makes the first `check`, exits, and then "
      "the next `check` must still work."),
    T("Edit", "test/ratelim_owner_SUITE.erl", '''@@ new file
+-module(ratelim_owner_SUITE).
+-include_lib("common_test/include/ct.hrl").
+-include_lib("stdlib/include/assert.hrl").
+-export([all/0, init_per_testcase/2, end_per_testcase/2]).
+-export([table_survives_caller_exit/1]).
+
+all() -> [table_survives_caller_exit].
+
+init_per_testcase(_, Config) ->
+    {ok, _} = application:ensure_all_started(ratelimd),
+    Config.
+
+end_per_testcase(_, _Config) ->
+    ok = application:stop(ratelimd).
+
+table_survives_caller_exit(_Config) ->
+    Self = self(),
+    %% a short-lived process drains the bucket (capacity 100, fixed clock so no refill) and exits
+    spawn(fun() -> Self ! {drained, [ratelim:check(<<"api:t1">>, 1, 0) || _ <- lists:seq(1, 100)]} end),
+    receive {drained, _} -> ok after 1000 -> ct:fail(no_reply) end,
+    timer:sleep(50),
+    %% the bucket must still be empty: state lives in the table, not in the caller
+    ?assertEqual(deny, ratelim:check(<<"api:t1">>, 1, 0)).'''),
    T("Bash", "rebar3 ct", CT_FAIL),
    A("Reproduced: the spawned process became the table owner, drained the bucket and exited — the table died with "
      "it, the next `check` silently created a fresh one and the bucket was full again. In production the same thing "
      "happens to every tenant at once, and requests that hit the gap crash with `badarg`. Now the fix."),
    T("Edit", "src/ratelim_server.erl", '''@@
 init([]) ->
+    %% The server owns the bucket table: ETS tables die with their owner, and this
+    %% process is supervised and long-lived (request processes are not).
+    ratelim_buckets = ets:new(ratelim_buckets, [named_table, public, set,
+                                                {write_concurrency, true},
+                                                {read_concurrency, true}]),
     {ok, #{started => erlang:system_time(second)}}.
@@
 handle_call(stats, _From, State) ->
-    Size = case ets:whereis(ratelim_buckets) of
-               undefined -> 0;
-               _ -> ets:info(ratelim_buckets, size)
-           end,
-    {reply, #{buckets => Size, started => maps:get(started, State)}, State}.
+    {reply, #{buckets => ets:info(ratelim_buckets, size), started => maps:get(started, State)}, State}.'''),
    T("Edit", "src/ratelim.erl", '''@@
 check(Key, Cost, Now) ->
-    ensure_table(),
-    {Cap, PerSec} = limits(Key),
-    case ets:lookup(?TAB, Key) of
+    try do_check(Key, Cost, Now)
+    catch
+        Class:Reason ->
+            %% fail open: a limiter bug must never block customer traffic
+            telemetry:execute([ratelimd, check, fail_open], #{count => 1}, #{key => Key}),
+            logger:warning("ratelim fail-open for ~p: ~p:~p", [Key, Class, Reason]),
+            allow
+    end.
+
+do_check(Key, Cost, Now) ->
+    {Cap, PerSec} = limits(Key),
+    case ets:lookup(?TAB, Key) of
@@
-ensure_table() ->
-    case ets:whereis(?TAB) of
-        undefined ->
-            ets:new(?TAB, [named_table, public, set, {write_concurrency, true}, {read_concurrency, true}]);
-        _ ->
-            ok
-    end.
-'''),
    T("Bash", "rebar3 ct", '''===> Verifying dependencies...
===> Analyzing applications...
===> Compiling ratelimd
===> Compiling src/ratelim.erl failed
src/ratelim.erl:2:2: function check/3 undefined
src/ratelim.erl:15:1: function do_check/3 undefined'''),
    A("My edit dropped the `check(Key, Cost, Now) ->` head when I split the function — the clause ended up attached "
      "to the wrong header. Fixing."),
    T("Edit", "src/ratelim.erl", '''@@
-check(Key, Cost) ->
-    check(Key, Cost, erlang:monotonic_time(millisecond)).
-
-    try do_check(Key, Cost, Now)
+check(Key, Cost) ->
+    check(Key, Cost, erlang:monotonic_time(millisecond)).
+
+check(Key, Cost, Now) ->
+    try do_check(Key, Cost, Now)'''),
    T("Bash", "rebar3 ct", CT_OK),
    A("Green. While reading `do_check` I noticed a second, quieter bug: it does `ets:lookup` and then `ets:insert` "
      "with the new token count. Two concurrent requests for the same key can both read `Tokens = 1`, both allow, and "
      "both write `0` — so a burst can exceed the capacity. With `write_concurrency` this does happen under load. The "
      "usual ETS answer is `ets:update_counter/3` with a list of threshold ops, which is atomic per key: refill with "
      "`{2, Refill, Cap, Cap}` (add, clamp at capacity) then `{2, -Cost}` and check the result is not negative "
      "(refunding on deny). Shall I do it?"),
    U("Yes please, good catch. Rui always say lookup+insert is fine \"because it's only small overshoot\" but the "
      "customers see it in their dashboards."),
    T("Edit", "src/ratelim.erl", '''@@
 do_check(Key, Cost, Now) ->
     {Cap, PerSec} = limits(Key),
-    case ets:lookup(?TAB, Key) of
-        [] ->
-            ets:insert(?TAB, {Key, Cap - Cost, Now}),
-            allow;
-        [{Key, Tokens, Last}] ->
-            Refilled = min(Cap, Tokens + (Now - Last) * PerSec div 1000),
-            case Refilled >= Cost of
-                true ->
-                    ets:insert(?TAB, {Key, Refilled - Cost, Now}),
-                    allow;
-                false ->
-                    deny
-            end
-    end.
+    _ = ets:insert_new(?TAB, {Key, Cap, Now}),
+    [{Key, _, Last}] = ets:lookup(?TAB, Key),
+    Refill = max(0, (Now - Last) * PerSec div 1000),
+    %% atomic per key: refill clamped at Cap, stamp time only if tokens were added, then take Cost
+    [_, Left] = ets:update_counter(?TAB, Key, [{2, Refill, Cap, Cap}, {2, -Cost}]),
+    _ = Refill > 0 andalso ets:update_element(?TAB, Key, {3, Now}),
+    case Left >= 0 of
+        true -> allow;
+        false -> ets:update_counter(?TAB, Key, {2, Cost}), deny
+    end.'''),
    T("Edit", "test/ratelim_SUITE.erl", '''@@
+concurrent_burst_never_exceeds_capacity(_Config) ->
+    Self = self(),
+    Key = <<"api:burst">>,
+    [spawn(fun() -> Self ! {r, ratelim:check(Key, 1, 0)} end) || _ <- lists:seq(1, 500)],
+    Results = [receive {r, R} -> R end || _ <- lists:seq(1, 500)],
+    ?assertEqual(100, length([ok || allow <- Results])).'''),
    T("Bash", "rebar3 ct && rebar3 dialyzer", CT_OK.replace("%%% ratelim_SUITE: .......", "%%% ratelim_SUITE: ........").replace("All 8", "All 9") + '''
===> Verifying dependencies...
===> Analyzing applications...
===> Compiling ratelimd
===> Dialyzer starting, this may take a while...
===> Doing success typing analysis...
===> Resolving exact stack traces...
===> Analyzing 6 files with _build/default/rebar3_26.2.5_plt...'''),
    A("All 9 tests pass, including 500 concurrent checks against a capacity of 100 giving exactly 100 `allow`s, and "
      "dialyzer is clean.\n\nSummary:\n- `ratelim_server:init/1` now owns `ratelim_buckets`; the lazy `ensure_table/0` "
      "is gone.\n- `ratelim:check/3` fails open (allow + warning log + `[ratelimd, check, fail_open]` telemetry event).\n"
      "- Token accounting uses atomic `ets:update_counter/3` ops instead of lookup+insert, so bursts can't overshoot.\n\nOne "
      "open point: a crash of `ratelim_server` still drops all buckets (everyone gets a full bucket after restart). Do "
      "you want bucket state to survive that with an `heir`, or is a reset acceptable?"),
    U("Thank you very much, this is great. I will deploy tomorrow morning. Next week I want to add PropEr property "
      "tests for the bucket math (refill, clamp, cost bigger than capacity), can you remember this for me? Now I go "
      "home, it's late here."),
    A("Good night! Noted for next time: PropEr property tests for the bucket math — refill over elapsed time, clamping "
      "at capacity, and costs larger than the capacity (which today are always denied)."),
]

gold = [
    {"kind": "PROJECT", "summary": "ratelimd: token bucket rate limiter, Erlang/OTP 26 gen_server + ETS, rebar3, cowboy",
     "all_of": ["ratelimd"], "any_of": ["erlang", "otp", "gen_server", "rebar3", "token bucket", "ets"]},
    {"kind": "BUG_FIX", "summary": "badarg bursts: ETS table ratelim_buckets was created lazily by a cowboy request process (owner died); now created in ratelim_server:init/1",
     "all_of": ["ets"], "any_of": ["owner", "owned", "init", "request process", "badarg", "ratelim_server"],
     "files": ["src/ratelim.erl", "src/ratelim_server.erl"]},
    {"kind": "FAILED", "summary": "refill with timer:send_interval every 100ms per bucket: mailbox >200k with 40k tenants, p99 2s; removed",
     "all_of": ["refill"], "any_of": ["send_interval", "timer", "100ms", "mailbox", "message queue", "200k"], "failure": True},
    {"kind": "DECISION", "summary": "refill computed lazily at check time from monotonic time (keep it that way)",
     "all_of": ["refill"], "any_of": ["lazy", "lazily", "monotonic", "at check", "when check", "elapsed"]},
    {"kind": "DECISION", "summary": "limiter must fail open: on any internal error allow the request (log + telemetry)",
     "all_of": ["open"], "any_of": ["fail", "allow", "never block"]},
    {"kind": "BUG_FIX", "summary": "lookup+insert race let bursts exceed capacity; use atomic ets:update_counter with threshold ops",
     "all_of": ["update_counter"], "any_of": ["atomic", "race", "overshoot", "burst", "capacity", "lookup"]},
    {"kind": "TODO", "summary": "add PropEr property tests for bucket math (refill, clamp, cost > capacity)",
     "all_of": ["proper"], "any_of": ["property", "bucket", "refill", "test"]},
]

write({
    "id": "ratelimd_ets_owner",
    "project": "ratelimd",
    "cwd_files": ["src/ratelim.erl", "src/ratelim_server.erl", "test/ratelim_owner_SUITE.erl", "test/ratelim_SUITE.erl"],
    "turns": turns,
    "gold": gold,
    "dead_ends": [
        {"summary": "route every check through gen_server:call (rejected: bottleneck)", "all_of": ["gen_server:call"]},
        {"summary": "heir option so bucket state survives server crash (offered/asked, not chosen)", "all_of": ["heir"]},
    ],
    "secrets": [],
    "supersedes": [],
})
