"""Session: Unity 2D platformer C# scripts. Developer who changes their mind."""
import random
from _lib import U, A, T, edit, write_file, read, bash, write

random.seed(55)
UNITY = "/Applications/Unity/Hub/Editor/2022.3.20f1/Unity.app/Contents/MacOS/Unity"

player_cs = '''using UnityEngine;
using UnityEngine.InputSystem;

[RequireComponent(typeof(Rigidbody2D))]
public class PlayerController : MonoBehaviour
{
    public float moveSpeed = 8f;
    public float jumpForce = 14f;
    public Transform groundCheck;
    public float groundCheckRadius = 0.1f;

    private Rigidbody2D rb;
    private Vector2 moveInput;
    private bool isGrounded;
    private bool jumpPressed;

    void Awake()
    {
        rb = GetComponent<Rigidbody2D>();
    }

    public void OnMove(InputAction.CallbackContext ctx) => moveInput = ctx.ReadValue<Vector2>();

    public void OnJump(InputAction.CallbackContext ctx)
    {
        if (ctx.performed) jumpPressed = true;
    }

    void Update()
    {
        isGrounded = Physics2D.OverlapCircle(groundCheck.position, groundCheckRadius);
        rb.velocity = new Vector2(moveInput.x * moveSpeed, rb.velocity.y);
        if (jumpPressed && isGrounded)
        {
            rb.velocity = new Vector2(rb.velocity.x, jumpForce);
        }
        jumpPressed = false;
    }
}
'''

prefab_rb = '''--- !u!50 &5012847736190284417
Rigidbody2D:
  serializedVersion: 4
  m_ObjectHideFlags: 0
  m_CorrespondingSourceObject: {fileID: 0}
  m_PrefabInstance: {fileID: 0}
  m_PrefabAsset: {fileID: 0}
  m_GameObject: {fileID: 3381941572934410522}
  m_BodyType: 0
  m_Simulated: 1
  m_UseFullKinematicContacts: 0
  m_UseAutoMass: 0
  m_Mass: 1
  m_LinearDrag: 0
  m_AngularDrag: 0.05
  m_GravityScale: 3
  m_Material: {fileID: 0}
  m_IncludeLayers:
    serializedVersion: 2
    m_Bits: 0
  m_ExcludeLayers:
    serializedVersion: 2
    m_Bits: 0
  m_Interpolate: 0
  m_SleepingMode: 1
  m_CollisionDetection: 0
  m_Constraints: 4'''


def unity_log(compile_errors=None, tests=True):
    L = []
    L += [f"[Licensing::Module] Trying to connect to existing licensing client channel...",
          "[Licensing::IpcConnector] Successfully connected to: \"LicenseClient-jonas\" at \"2026-11-25T21:03:11.4419Z\"",
          "[Licensing::Client] Successfully resolved entitlement details",
          "[Licensing::Module] License group: Personal",
          "Built from '2022.3/staging' branch; Version is '2022.3.20f1 (61c2feb0970d) revision 6406910'; Using compiler version '140030148'; Build Type 'Release'",
          "OS: 'macOS 14.4.1 (23E224)' Language: 'en' Physical Memory: 16384 MB",
          "COMMAND LINE ARGUMENTS:",
          UNITY, "-batchmode", "-projectPath", "/Users/jonas/dev/mossgrove",
          *(["-quit"] if compile_errors else ["-runTests", "-testPlatform", "PlayMode", "-testResults", "results.xml"]),
          "-logFile", "-",
          "Successfully changed project path to: /Users/jonas/dev/mossgrove",
          "/Users/jonas/dev/mossgrove",
          "[UnityMemory] Configuration Parameters - Can be set up in boot.config",
          '    "memorysetup-bucket-allocator-granularity=16"', '    "memorysetup-bucket-allocator-bucket-count=8"',
          '    "memorysetup-bucket-allocator-block-size=33554432"', '    "memorysetup-bucket-allocator-block-count=8"',
          '    "memorysetup-main-allocator-block-size=16777216"', '    "memorysetup-thread-allocator-block-size=16777216"',
          '    "memorysetup-gfx-main-allocator-block-size=16777216"', '    "memorysetup-gfx-thread-allocator-block-size=16777216"',
          '    "memorysetup-cache-allocator-block-size=4194304"', '    "memorysetup-typetree-allocator-block-size=2097152"',
          '    "memorysetup-profiler-bucket-allocator-granularity=16"', '    "memorysetup-temp-allocator-size-main=16777216"',
          "Player connection [8489754112] Host \"[IP] 192.168.1.23 [Port] 0 [Flags] 2 [Guid] 1843004207 [EditorId] 1843004207 [Version] 1048832 [Id] OSXEditor(0,jonas-mbp) [Debug] 1 [PackageName] OSXEditor [ProjectName] mossgrove\" joined multi-casting on [225.0.0.222:54997]...",
          "[Package Manager] Server::Start -- Port 61422 was selected",
          "[Package Manager] Done resolving packages in 1.84 seconds",
          "[Package Manager] Lock file was modified" if compile_errors else "[Package Manager] ",
          "Refreshing native plugins compatible for Editor in 1.22 ms, found 3 plugins.",
          "Preloading 0 native plugins for Editor in 0.00 ms.",
          "Initialize engine version: 2022.3.20f1 (61c2feb0970d)",
          "[Subsystems] Discovering subsystems at path /Applications/Unity/Hub/Editor/2022.3.20f1/Unity.app/Contents/Resources/UnitySubsystems",
          "[Subsystems] Discovering subsystems at path /Users/jonas/dev/mossgrove/Assets",
          "GfxDevice: creating device client; threaded=0; jobified=0",
          "Metal devices available: 1", "0: Apple M2 Pro (high power)", "Using device Apple M2 Pro (high power)",
          "Initializing Metal device caps: Apple M2 Pro",
          "Initialize mono", "Mono path[0] = '/Applications/Unity/Hub/Editor/2022.3.20f1/Unity.app/Contents/Managed'",
          "Mono path[1] = '/Applications/Unity/Hub/Editor/2022.3.20f1/Unity.app/Contents/MonoBleedingEdge/lib/mono/unityjit-macos'",
          "Mono config path = '/Applications/Unity/Hub/Editor/2022.3.20f1/Unity.app/Contents/MonoBleedingEdge/etc'",
          "Using monoOptions --debugger-agent=transport=dt_socket,embedding=1,server=y,suspend=n,address=127.0.0.1:56321",
          "Begin MonoManager ReloadAssembly", "Registering precompiled unity dll's ...",
          "Register platform support module: /Applications/Unity/Hub/Editor/2022.3.20f1/PlaybackEngines/MacStandaloneSupport/UnityEditor.OSXStandalone.Extensions.dll",
          "Register platform support module: /Applications/Unity/Hub/Editor/2022.3.20f1/PlaybackEngines/iOSSupport/UnityEditor.iOS.Extensions.dll",
          "Registered in 0.004116 seconds.", "[usbmuxd] Start listen thread", "[usbmuxd] Listen thread started",
          "Native extension for iOS target not found", "Native extension for OSXStandalone target not found",
          "Refreshing native plugins compatible for Editor in 1.02 ms, found 3 plugins.",
          "Preloading 0 native plugins for Editor in 0.00 ms.",
          "Mono: successfully reloaded assembly", "- Finished resetting the current domain, in  1.108 seconds",
          "Domain Reload Profiling: 1612ms", "\tBeginReloadAssembly (168ms)", "\t\tExecutionOrderSort (0ms)",
          "\t\tDisableScriptedObjects (0ms)", "\t\tBackupInstance (0ms)", "\t\tReleaseScriptingObjects (0ms)",
          "\t\tCreateAndSetChildDomain (1ms)", "\tRebuildCommonClasses (41ms)", "\tRebuildNativeTypeToScriptingClass (12ms)",
          "\tinitialDomainReloadingComplete (77ms)", "\tLoadAllAssembliesAndSetupDomain (1314ms)",
          "\t\tLoadAssemblies (168ms)", "\t\tRebuildTransferFunctionScriptingTraits (0ms)", "\t\tAnalyzeDomain (1136ms)",
          "\t\t\tTypeCache.Refresh (1132ms)", "\t\t\t\tTypeCache.ScanAssembly (1113ms)", "\t\t\tScanForSourceGeneratedMonoScriptInfo (0ms)",
          "\t\t\tResolveRequiredComponents (2ms)", "\tFinalLoadAssembliesAndSetupDomain (0ms)", "\tSetupLoadedEditorAssemblies (0ms)",
          "Application.AssetDatabase Initial Refresh Start", "[ScriptCompilation] Requested script compilation because: Assetdatabase observed changes in script compilation related files",
          "Starting: /Applications/Unity/Hub/Editor/2022.3.20f1/Unity.app/Contents/bee_backend --profile=\"Library/Bee/backend_profiler0.traceevents\" --stdin-canary --dagfile=\"Library/Bee/1900b0aEDbg.dag\" --continue-on-failure ScriptAssemblies",
          "[       0/  12  0s] Csc Library/Bee/artifacts/1900b0aEDbg.dag/Mossgrove.Runtime.dll (+2 others)",
          ]
    if compile_errors:
        L += compile_errors
        L += ["*** Tundra build failed (2.41 seconds), 9 items updated, 12 evaluated",
              "AssetDatabase: script compilation time: 2.712931s",
              "Scripts have compiler errors.",
              "Aborting batchmode due to failure:",
              "Scripts have compiler errors.",
              "[Package Manager] Server::Kill -- Server was shutdown",
              "Exiting batchmode with return code 1"]
        return "\n".join(L)
    L += ["[  10/  12  3s] Csc Library/Bee/artifacts/1900b0aEDbg.dag/Mossgrove.Tests.PlayMode.dll",
          "[  12/  12  4s] Copy Library/ScriptAssemblies/Mossgrove.Tests.PlayMode.dll",
          "*** Tundra build success (4.12 seconds), 7 items updated, 12 evaluated",
          "AssetDatabase: script compilation time: 4.391104s",
          "Begin MonoManager ReloadAssembly", "Mono: successfully reloaded assembly",
          "Refreshing native plugins compatible for Editor in 0.98 ms, found 3 plugins.",
          "Asset Pipeline Refresh (id=8cb1b1f6e2d24a0b9b1a8e64d6d39ad5): Total: 9.803 seconds - Initiated by InitialRefreshV2(ForceSynchronousImport)",
          "\tSummary:", "\t\tImports: total=4 (actual=4, local cache=0, cache server=0)", "\t\tAsset DB Process Time: managed=2 ms, native=1944 ms",
          "\t\tAsset DB Callback time: managed=28 ms, native=0 ms", "\t\tScripting: domain reloads=1, domain reload time=1520 ms, compile time=4392 ms, other=1 ms",
          "\t\tProject Asset Count: scripts=61, non-scripts=1188", "\t\tAsset File Changed Detection Time: 3.211ms",
          "Application.AssetDatabase Initial Refresh End", "Scanning for USB devices : 0.101ms",
          "Initializing Unity extensions:", "Unloading 7 Unused Serialized files (Serialized files now loaded: 0)",
          "Loaded scene 'Temp/__Backupscenes/0.backup'", "\tDeserialize:            4.721 ms", "\tIntegration:            201.114 ms",
          "\tIntegration of assets:  0.004 ms", "\tThread Wait Time:       0.011 ms", "\tTotal Operation Time:   205.852 ms",
          "Running tests for ExecutionSettings with details:", "targetPlatform = ", "Filter 0:", "   testMode = PlayMode",
          "   testNames = null", "   groupNames = null", "   categoryNames = null", "   assemblyNames = null",
          "ConstantHelpers: PlayMode", "Saving results to: results.xml", "Executing IPrebuildSetup for: Unity.PerformanceTesting.Editor.TestRunBuilder.",
          "Entering playmode", "Loaded scene 'Assets/InitTestScene638679212.unity'"]
    cases = ["PlayerMovementTests.MovesRightWithInput", "PlayerMovementTests.StopsWhenInputReleased",
             "PlayerMovementTests.JumpsWhenGrounded", "PlayerMovementTests.CannotJumpInAir",
             "PlayerMovementTests.LandsOnThinPlatformFromHeight", "PlayerMovementTests.LandsOnThinPlatformAtTerminalVelocity",
             "CollectibleTests.CoinIncrementsScore", "CollectibleTests.CoinDisappearsOnPickup",
             "HazardTests.SpikesRespawnPlayer", "HazardTests.FallZoneRespawnsPlayer", "CheckpointTests.RespawnAtLastCheckpoint",
             "CameraTests.CameraFollowsPlayer", "LevelLoadTests.Level1LoadsWithoutErrors", "LevelLoadTests.Level2LoadsWithoutErrors"]
    for c in cases:
        for _ in range(random.randint(2, 5)):
            L.append(random.choice([
                "Physics2D: simulation step 0.02", f"[{c.split('.')[0]}] spawned player at (0.00, {random.uniform(1, 30):.2f})",
                "UnityEngine.Debug:Log (object)", "(Filename: ./Runtime/Export/Debug/Debug.bindings.h Line: 35)",
                "Unloading 2 unused Assets / (1.2 KB). Loaded Objects now: 3218.",
                f"Memory consumption went from 118.{random.randint(0, 9)} MB to 118.{random.randint(0, 9)} MB.",
                "Total: 3.104708 ms (FindLiveObjects: 0.211125 ms CreateObjectMapping: 0.091917 ms MarkObjects: 2.781083 ms  DeleteObjects: 0.019750 ms)",
            ]))
        L.append(f"Loaded scene 'Assets/InitTestScene638679212.unity'")
    L += ["Exiting playmode", "Test run completed. Exiting with code 0 (Ok). Run completed.",
          f"<test-run id=\"2\" testcasecount=\"{len(cases)}\" result=\"Passed\" total=\"{len(cases)}\" passed=\"{len(cases)}\" failed=\"0\" inconclusive=\"0\" skipped=\"0\" asserts=\"0\" engine-version=\"3.5.0.0\" clr-version=\"4.0.30319.42000\" duration=\"18.4371\">",
          "Saving results to: /Users/jonas/dev/mossgrove/results.xml",
          "[Package Manager] Server::Kill -- Server was shutdown", "Exiting batchmode successfully now!"]
    return "\n".join(L)


cm3_errors = [
    "Assets/Scripts/Camera/CameraShake.cs(2,7): error CS0246: The type or namespace name 'Cinemachine' could not be found (are you missing a using directive or an assembly reference?)",
    "Assets/Scripts/Camera/CameraShake.cs(8,13): error CS0246: The type or namespace name 'CinemachineVirtualCamera' could not be found (are you missing a using directive or an assembly reference?)",
    "Assets/Scripts/Camera/CameraShake.cs(9,13): error CS0246: The type or namespace name 'CinemachineBasicMultiChannelPerlin' could not be found (are you missing a using directive or an assembly reference?)",
    "Assets/Scripts/Camera/RoomCameraSwitcher.cs(3,7): error CS0246: The type or namespace name 'Cinemachine' could not be found (are you missing a using directive or an assembly reference?)",
    "Assets/Scripts/Camera/RoomCameraSwitcher.cs(11,22): error CS0246: The type or namespace name 'CinemachineVirtualCamera' could not be found (are you missing a using directive or an assembly reference?)",
    "Assets/Scripts/Camera/RoomCameraSwitcher.cs(27,9): error CS0246: The type or namespace name 'CinemachineBrain' could not be found (are you missing a using directive or an assembly reference?)",
    "Assets/Scripts/Camera/CameraBoundsSetter.cs(2,7): error CS0246: The type or namespace name 'Cinemachine' could not be found (are you missing a using directive or an assembly reference?)",
    "Assets/Scripts/Camera/CameraBoundsSetter.cs(7,13): error CS0246: The type or namespace name 'CinemachineConfiner2D' could not be found (are you missing a using directive or an assembly reference?)",
    "Assets/Scripts/Editor/CameraDebugWindow.cs(4,7): error CS0246: The type or namespace name 'Cinemachine' could not be found (are you missing a using directive or an assembly reference?)",
    "[Package Manager] com.unity.cinemachine@3.0.1: Cinemachine 3 has breaking API changes. Use Window > Package Manager > Cinemachine > Samples > Upgrader, or the Cinemachine Upgrader in the Tools menu, to upgrade scenes and prefabs.",
]

turns = [
    U("player sometimes falls straight through the thin floating platforms when falling from high up. also the movement looks "
      "jittery when the camera follows. PlayerController.cs is the script"),
    read("Assets/Scripts/Player/PlayerController.cs", player_cs),
    bash("grep -n -A30 '^Rigidbody2D:' Assets/Prefabs/Player.prefab", prefab_rb),
    bash("grep -rn 'm_Size\\|m_Name: Platform' Assets/Prefabs/Platforms/FloatingPlatform.prefab | head -4",
         "7:  m_Name: PlatformThin\n58:  m_Size: {x: 3, y: 0.1}\n112:  m_Name: PlatformThin_Collider\n131:  m_Size: {x: 3, y: 0.1}"),
    A("Three separate problems, two of them the ones you see:\n\n"
      "**Falling through**: the floating platforms' colliders are 0.1 units thick. With gravityScale 3 the player reaches "
      "~25 units/s when falling from high up; at the default fixed timestep of 0.02 s it moves 0.5 units per physics step. "
      "`m_CollisionDetection: 0` is Discrete, which only checks the positions at each step, so the body jumps from above the "
      "platform to below it without ever overlapping (tunneling). Continuous collision detection sweeps the shape between steps.\n\n"
      "**Jitter**: physics runs at 50 Hz but the camera follows at render rate. With `m_Interpolate: 0` the sprite only moves on "
      "physics steps, so it stutters against the smoothly moving camera. On top of that the velocity is written in `Update`, "
      "i.e. at frame rate. Interpolate on the Rigidbody2D + velocity changes in `FixedUpdate` (input can stay in Update).\n\n"
      "**Third one you may not have noticed**: `Physics2D.OverlapCircle(groundCheck.position, 0.1f)` has no layer mask, and the "
      "ground check sits inside the player's own collider, so it always hits the player itself and `isGrounded` is always true. "
      "I'd expect you can jump again in mid-air."),
    U("oh!! the infinite jump. i thought that was a feature of my level lol. ok fix all three"),
    write_file("Assets/Scripts/Player/PlayerController.cs", '''using UnityEngine;
using UnityEngine.InputSystem;

[RequireComponent(typeof(Rigidbody2D))]
public class PlayerController : MonoBehaviour
{
    [SerializeField] private float moveSpeed = 8f;
    [SerializeField] private float jumpForce = 14f;
    [SerializeField] private Transform groundCheck;
    [SerializeField] private float groundCheckRadius = 0.1f;
    [SerializeField] private LayerMask groundLayer;

    private Rigidbody2D rb;
    private Vector2 moveInput;
    private bool isGrounded;
    private bool jumpQueued;

    private void Awake()
    {
        rb = GetComponent<Rigidbody2D>();
    }

    public void OnMove(InputAction.CallbackContext ctx) => moveInput = ctx.ReadValue<Vector2>();

    public void OnJump(InputAction.CallbackContext ctx)
    {
        if (ctx.performed) jumpQueued = true;
    }

    private void FixedUpdate()
    {
        isGrounded = Physics2D.OverlapCircle(groundCheck.position, groundCheckRadius, groundLayer);
        var v = new Vector2(moveInput.x * moveSpeed, rb.velocity.y);
        if (jumpQueued && isGrounded) v.y = jumpForce;
        jumpQueued = false;
        rb.velocity = v;
    }
}
'''),
    edit("Assets/Prefabs/Player.prefab", "  m_Interpolate: 0\n  m_SleepingMode: 1\n  m_CollisionDetection: 0",
         "  m_Interpolate: 1\n  m_SleepingMode: 1\n  m_CollisionDetection: 1"),
    edit("Assets/Prefabs/Player.prefab", "  groundCheckRadius: 0.1\n",
         "  groundCheckRadius: 0.1\n  groundLayer:\n    serializedVersion: 2\n    m_Bits: 64\n"),
    A("Player uses Interpolate + Continuous now, movement and the ground check run in `FixedUpdate`, and the ground check only "
      "looks at the `Ground` layer (layer 6, bit 64). Make sure all platform prefabs are on the Ground layer; "
      "FloatingPlatform and the tilemap already are. I added a PlayMode test that drops the player from y=30 onto a thin platform. "
      "Running the tests headless:"),
    bash(f"{UNITY} -batchmode -projectPath . -runTests -testPlatform PlayMode -testResults results.xml -logFile -", unity_log()),
    U("ok nice. now dash. make it AddForce impulse in the facing direction, like 20"),
    edit("Assets/Scripts/Player/PlayerController.cs", "    private void FixedUpdate()",
         '''    public void OnDash(InputAction.CallbackContext ctx)
    {
        if (ctx.performed) dashQueued = true;
    }

    private void FixedUpdate()'''),
    edit("Assets/Scripts/Player/PlayerController.cs", "        jumpQueued = false;\n        rb.velocity = v;",
         "        jumpQueued = false;\n        rb.velocity = v;\n        if (dashQueued)\n        {\n            rb.AddForce(new Vector2(facing * dashForce, 0f), ForceMode2D.Impulse);\n            dashQueued = false;\n        }"),
    A("Dash is bound to the `Dash` action (Shift / gamepad west button) and applies a 20 impulse in `facing` direction."),
    U("hmm. tried it. it feels floaty, and when falling the dash barely goes anywhere because gravity is pulling. also the "
      "movement code overwrites velocity.x next frame so it's gone instantly. actually no, scrap AddForce. set the velocity "
      "directly for a short time and turn gravity off during the dash. 0.15s"),
    edit("Assets/Scripts/Player/PlayerController.cs",
         "        if (dashQueued)\n        {\n            rb.AddForce(new Vector2(facing * dashForce, 0f), ForceMode2D.Impulse);\n            dashQueued = false;\n        }",
         "        if (dashQueued && !isDashing) StartCoroutine(Dash());\n        dashQueued = false;"),
    edit("Assets/Scripts/Player/PlayerController.cs", "    private void FixedUpdate()\n    {",
         '''    private IEnumerator Dash()
    {
        isDashing = true;
        var gravity = rb.gravityScale;
        rb.gravityScale = 0f;
        rb.velocity = new Vector2(facing * dashSpeed, 0f);
        yield return new WaitForSeconds(dashDuration);
        rb.gravityScale = gravity;
        isDashing = false;
    }

    private void FixedUpdate()
    {
        if (isDashing) return;'''),
    A("Now: gravity off, fixed horizontal velocity for `dashDuration` = 0.15 s, and the normal movement code is skipped while "
      "dashing so it can't overwrite the velocity. `dashSpeed` is 20 for now."),
    U("wait actually make it 0.2. no... no, 0.15 was right, keep it. dashSpeed 24 though"),
    edit("Assets/Scripts/Player/PlayerController.cs", "    [SerializeField] private float dashSpeed = 20f;",
         "    [SerializeField] private float dashSpeed = 24f;"),
    A("0.15 s and 24 it is. I kept the new fields as `[SerializeField] private` like the existing ones, so they show in the "
      "inspector without being public."),
    U("yes always SerializeField private, never public fields. i hate when other scripts start poking at them. ok, let's also "
      "update cinemachine, there is 3.0 in the package manager, maybe it fixes the camera jitter fully"),
    A("The jitter should already be gone with interpolation, but let's see what 3.0 does."),
    edit("Packages/manifest.json", '    "com.unity.cinemachine": "2.9.7",', '    "com.unity.cinemachine": "3.0.1",'),
    bash(f"{UNITY} -batchmode -projectPath . -quit -logFile -", unity_log(compile_errors=cm3_errors)),
    A("Cinemachine 3 is a rewrite: the namespace moved from `Cinemachine` to `Unity.Cinemachine`, `CinemachineVirtualCamera` "
      "became `CinemachineCamera`, and the noise/confiner components changed too. All four camera scripts break, and the Upgrader "
      "would rewrite every scene and prefab with a vcam (the three levels + the room camera prefabs). That's a real migration, "
      "and it won't change the jitter, which came from the Rigidbody. I'd revert."),
    U("ugh ok revert, stay on 2.9.7"),
    bash("git checkout -- Packages/manifest.json Packages/packages-lock.json && git status --short",
         " M Assets/Prefabs/Player.prefab\n M Assets/Scripts/Player/PlayerController.cs\n?? Assets/Tests/PlayMode/ThinPlatformTests.cs"),
    bash(f"{UNITY} -batchmode -projectPath . -quit -logFile - 2>&1 | grep -E 'error|Tundra|Exiting'",
         "*** Tundra build success (3.87 seconds), 6 items updated, 12 evaluated\nExiting batchmode successfully now!"),
    A("Back on 2.9.7, compiles clean. Should the dash be limited to once per airtime (reset on landing), or usable any time "
      "the 0.15 s cooldown allows?"),
    U("next time: one way platforms so you can jump up through them from below. not now, i'm tired"),
    A("Noted for next time: one-way platforms, via `PlatformEffector2D` with `useOneWay` on the thin platforms and "
      "`usedByEffector` on their colliders."),
    U("gn"),
]

session = {
    "id": "unity_platformer",
    "project": "mossgrove",
    "cwd_files": ["Assets/Scripts/Player/PlayerController.cs", "Assets/Prefabs/Player.prefab", "Packages/manifest.json",
                  "Assets/Tests/PlayMode/ThinPlatformTests.cs"],
    "turns": turns,
    "gold": [
        {"kind": "PROJECT", "summary": "mossgrove: Unity 2022.3 2D platformer, new Input System, Cinemachine 2.9.7",
         "all_of": ["unity"], "any_of": ["2022.3", "input system", "cinemachine", "2d", "platformer"], "files": []},
        {"kind": "BUG_FIX", "summary": "Player fell through 0.1-thick platforms at high fall speed (tunneling): Rigidbody2D collision detection Continuous",
         "all_of": ["platform"], "any_of": ["continuous", "tunnel", "collision detection"], "files": ["Assets/Prefabs/Player.prefab"]},
        {"kind": "BUG_FIX", "summary": "Camera-follow jitter: Rigidbody2D Interpolate + velocity set in FixedUpdate instead of Update",
         "all_of": ["jitter"], "any_of": ["interpolat", "fixedupdate"], "files": ["Assets/Scripts/Player/PlayerController.cs"]},
        {"kind": "BUG_FIX", "summary": "Infinite mid-air jump: ground OverlapCircle hit the player's own collider -> Ground layer mask",
         "all_of": ["ground"], "any_of": ["layer", "mask", "own collider", "infinite", "mid-air"], "files": ["Assets/Scripts/Player/PlayerController.cs"]},
        {"kind": "DECISION", "summary": "Dash sets velocity directly for 0.15s with gravity off, dashSpeed 24",
         "all_of": ["dash"], "any_of": ["velocity", "0.15", "gravity", "24"], "files": ["Assets/Scripts/Player/PlayerController.cs"]},
        {"kind": "FAILED", "summary": "Dash via AddForce impulse: floaty, killed by gravity/velocity overwrite; scrapped",
         "all_of": ["addforce"], "any_of": ["floaty", "gravity", "dash", "impulse", "overwrit"], "files": [], "failure": True},
        {"kind": "PREFERENCE", "summary": "Fields always [SerializeField] private, never public",
         "all_of": ["serializefield"], "any_of": ["private", "public"], "files": []},
        {"kind": "FAILED", "summary": "Cinemachine 3.0.1 upgrade: namespace/CinemachineVirtualCamera renamed, camera scripts fail to compile; reverted to 2.9.7",
         "all_of": ["cinemachine"], "any_of": ["3.0", "upgrade", "namespace", "CinemachineCamera", "compile"],
         "files": ["Packages/manifest.json"], "failure": True},
        {"kind": "TODO", "summary": "One-way platforms (jump through from below) via PlatformEffector2D",
         "all_of": ["platform"], "any_of": ["one-way", "one way", "effector", "jump through", "jump up through", "from below"], "files": []},
    ],
    "dead_ends": [
        {"summary": "dash with AddForce impulse (scrapped)", "all_of": ["addforce"]},
        {"summary": "Cinemachine 3 (reverted)", "all_of": ["cinemachine", "3.0"]},
        {"summary": "dash duration 0.2s (changed mind back)", "all_of": ["dash", "0.2"]},
    ],
    "secrets": [],
    "supersedes": [],
}

if __name__ == "__main__":
    write(session)
