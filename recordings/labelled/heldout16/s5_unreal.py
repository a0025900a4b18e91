from _common import U, A, T, write
import random

rnd = random.Random(1605)
ROOT = r"D:\Dev\Hollowreach"

MODULES = {
    "Hollowreach": ["Character/HRCharacter", "Character/HRPlayerCharacter", "Character/HREnemyCharacter", "Character/HRCharacterMovementComponent",
                    "Player/HRPlayerController", "Player/HRPlayerState", "Player/HRCameraManager",
                    "Abilities/HRAbilitySystemComponent", "Abilities/HRGameplayAbility", "Abilities/HRDashAbility", "Abilities/HRMeleeAbility",
                    "Abilities/HRParryAbility", "Abilities/HRHealAbility", "Abilities/HRAttributeSet", "Abilities/HRDamageExecution",
                    "Abilities/Tasks/HRAbilityTask_WaitDashEnd", "Abilities/HRGameplayTags", "Abilities/HRAbilitySet",
                    "Combat/HRHitboxComponent", "Combat/HRWeaponActor", "Combat/HRProjectile", "Combat/HRDamageNumbers",
                    "Inventory/HRInventoryComponent", "Inventory/HRItemDefinition", "Inventory/HRPickup",
                    "World/HRCheckpoint", "World/HRDoor", "World/HRLever", "World/HRLadder", "World/HRKillVolume",
                    "Game/HRGameMode", "Game/HRGameInstance", "Game/HRGameState", "Game/HRSaveGame", "Game/HRSaveSubsystem",
                    "Input/HRInputConfig", "Input/HRInputComponent", "FX/HRFootstepComponent", "FX/HRImpactFX", "HollowreachModule"],
    "HollowreachUI": ["HUD/HRHUD", "HUD/HRHealthBarWidget", "HUD/HRStaminaBarWidget", "HUD/HRInteractPrompt", "Menus/HRMainMenu",
                      "Menus/HRPauseMenu", "Menus/HRSettingsMenu", "Menus/HRKeybindRow", "HollowreachUIModule"],
    "HollowreachAI": ["HRAIController", "HRPatrolComponent", "Tasks/HRBTTask_Attack", "Tasks/HRBTTask_FindCover",
                      "Services/HRBTService_UpdateTarget", "Decorators/HRBTDecorator_CanSeeTarget", "HRPerceptionComponent", "HollowreachAIModule"],
}

WARNINGS = [
    (r"Source\HollowreachAI\Private\HRPatrolComponent.cpp", 88, "warning C4996: 'UNavigationSystemV1::SimpleMoveToLocation': Use UAIBlueprintHelperLibrary::SimpleMoveToLocation instead. Please update your code to the new API before upgrading to the next release, otherwise your project will no longer compile."),
    (r"Source\Hollowreach\Private\Combat\HRWeaponActor.cpp", 141, "warning C4996: 'FHitResult::Actor': Please use GetActor() or HasValidHitObjectHandle() Please update your code to the new API before upgrading to the next release, otherwise your project will no longer compile."),
    (r"Source\Hollowreach\Private\Game\HRSaveSubsystem.cpp", 57, "warning C4996: 'UGameplayStatics::SaveGameToSlot': The bool return value is deprecated, use the async version or check IsSaveGameValid. Please update your code to the new API before upgrading to the next release, otherwise your project will no longer compile."),
    (r"Source\HollowreachUI\Private\Menus\HRSettingsMenu.cpp", 203, "warning C4834: discarding return value of function with 'nodiscard' attribute"),
    (r"Source\Hollowreach\Private\Abilities\HRDamageExecution.cpp", 66, "warning C4458: declaration of 'Damage' hides class member"),
]

def ubt_log():
    out = [
        "Using bundled DotNet SDK version: 6.0.302",
        r'Running UnrealBuildTool: dotnet "..\..\Engine\Binaries\DotNET\UnrealBuildTool\UnrealBuildTool.dll" HollowreachEditor Win64 Development -Project="D:\Dev\Hollowreach\Hollowreach.uproject" -WaitMutex -FromMsBuild -architecture=x64',
        r"Log file: C:\Users\nika\AppData\Local\UnrealBuildTool\Log.txt",
        "Building HollowreachEditor...",
        r"Using Visual Studio 2022 14.38.33135 toolchain (C:\Program Files\Microsoft Visual Studio\2022\Community\VC\Tools\MSVC\14.38.33130) and Windows 10.0.22621.0 SDK (C:\Program Files (x86)\Windows Kits\10).",
        "[Upgrade]",
        "[Upgrade] Using backward-compatible build settings. The latest version of UE sets the following values by default, which may require code changes:",
        "[Upgrade]     IncludeOrderVersion = EngineIncludeOrderVersion.Latest    => Changes the include order of engine headers. ",
        "[Upgrade] Suppress this message by setting 'DefaultBuildSettings = BuildSettingsVersion.V5;' in HollowreachEditor.Target.cs, and explicitly overriding settings that differ from the new defaults.",
        "[Upgrade]",
        "Determining max actions to execute in parallel (16 physical cores, 32 logical cores)",
        "  Executing up to 16 processes, one per physical core",
        "  Requested 1.5 GB free memory per action, 21.04 GB available: limiting max parallel actions to 14",
    ]
    actions = []
    for mod, files in MODULES.items():
        actions.append(f"[Adaptive Build] Excluded from {mod} unity file: " + ", ".join(f.split('/')[-1] + ".cpp" for f in files[:4]))
    steps = []
    for mod, files in MODULES.items():
        steps.append(f"Compile [x64] SharedPCH.UnrealEd.Project.ValApi.ValExpApi.Cpp20.InclOrderUnreal5_3.cpp")
        for f in files:
            steps.append(f"Compile [x64] {f.split('/')[-1]}.gen.cpp")
        for i in range(1, 6):
            steps.append(f"Compile [x64] Module.{mod}.gen.{i}.cpp")
        for f in files:
            steps.append(f"Compile [x64] {f.split('/')[-1]}.cpp")
        steps.append(f"Link [x64] UnrealEditor-{mod}.lib")
        steps.append(f"Link [x64] UnrealEditor-{mod}.dll")
    steps += ["WriteMetadata HollowreachEditor.target (UBA disabled)"]
    # UHT header generation first
    out.append("Parsing headers for HollowreachEditor")
    out.append(r"  Running Internal UnrealHeaderTool D:\Dev\Hollowreach\Hollowreach.uproject D:\Dev\Hollowreach\Intermediate\Build\Win64\HollowreachEditor\Development\HollowreachEditor.uhtmanifest -WarningsAsErrors -installed")
    total_headers = sum(len(v) for v in MODULES.values())
    out.append(f"Total of {total_headers * 3 + 11} written")
    out.append(f"Reflection code generated for HollowreachEditor in 4.112 seconds")
    out += actions
    out.append(f"Building {len(steps)} actions with 14 processes...")
    wi = 0
    n = len(steps)
    for i, s in enumerate(steps, 1):
        out.append(f"[{i}/{n}] {s}")
        if s.startswith("Compile [x64] ") and not ".gen." in s and "SharedPCH" not in s and wi < 40 and rnd.random() < 0.35:
            path, line, msg = WARNINGS[wi % len(WARNINGS)]
            wi += 1
            out.append(f"{ROOT}\\{path}({line + wi % 3}): {msg}")
            if "C4996" in msg:
                out.append(r"D:\Epic\UE_5.4\Engine\Source\Runtime\Engine\Classes\Engine\HitResult.h(214): note: see declaration of 'FHitResult::Actor'" if "HitResult" in msg else
                           r"D:\Epic\UE_5.4\Engine\Source\Runtime\Engine\Classes\Kismet\GameplayStatics.h(1092): note: see declaration of 'UGameplayStatics::SaveGameToSlot'" if "SaveGame" in msg else
                           r"D:\Epic\UE_5.4\Engine\Plugins\Runtime\NavigationSystem\Source\NavigationSystem\Public\NavigationSystem.h(640): note: see declaration of 'UNavigationSystemV1::SimpleMoveToLocation'")
        if s.startswith("Link [x64] UnrealEditor-") and s.endswith(".dll"):
            m = s.split("UnrealEditor-")[1][:-4]
            out.append(f"   Creating library {ROOT}\\Intermediate\\Build\\Win64\\x64\\UnrealEditor\\Development\\{m}\\UnrealEditor-{m}.sup.lib and object {ROOT}\\Intermediate\\Build\\Win64\\x64\\UnrealEditor\\Development\\{m}\\UnrealEditor-{m}.sup.exp")
    out.append("Total time in Parallel executor: 388.42 seconds")
    out.append("Total execution time: 396.17 seconds")
    return "\n".join(out)

def repeat_log(n_rounds):
    # Verbose PIE log the user pasted: several play sessions with GC ticks and the crash
    lines = []
    t = 0.0
    frame = 1200
    for r in range(n_rounds):
        lines.append(f"[2024.09.12-19.{10+r:02d}.02:118][  0]LogPlayLevel: PlayLevel: No blueprints needed recompiling")
        lines.append(f"[2024.09.12-19.{10+r:02d}.02:441][  0]LogPlayLevel: Creating play world package: /Game/Maps/UEDPIE_0_L_Hollow_Cistern")
        lines.append(f"[2024.09.12-19.{10+r:02d}.02:902][  0]LogWorld: Bringing World /Game/Maps/UEDPIE_0_L_Hollow_Cistern.L_Hollow_Cistern up for play (max tick rate 0) at 2024.09.12-21.{10+r:02d}.02")
        lines.append(f"[2024.09.12-19.{10+r:02d}.03:010][  0]LogAbilitySystem: HRAbilitySystemComponent_0 granted abilities: GA_Dash_C, GA_Melee_C, GA_Parry_C, GA_Heal_C")
        for k in range(14):
            frame += rnd.randint(180, 260)
            lines.append(f"[2024.09.12-19.{10+r:02d}.{5+k*4:02d}:{rnd.randint(0,999):03d}][{frame % 1000:3d}]LogAbilitySystem: Verbose: {rnd.choice(['GA_Dash_C', 'GA_Melee_C', 'GA_Dash_C'])} activated by BP_PlayerCharacter_C_0 (PredictionKey {frame % 97})")
            if k % 3 == 0:
                lines.append(f"[2024.09.12-19.{10+r:02d}.{6+k*4:02d}:{rnd.randint(0,999):03d}][{(frame+3) % 1000:3d}]LogHollowreach: Dash: trail FX attached, speed curve {rnd.uniform(0.8, 1.2):.2f}")
            if k == 13:
                lines.append(f"[2024.09.12-19.{11+r:02d}.03:{rnd.randint(0,999):03d}][{(frame+9) % 1000:3d}]LogGarbage: Display: GC purged {rnd.randint(1400, 2600)} objects ({rnd.uniform(2.1, 4.8):.2f} ms)")
        if r < n_rounds - 1:
            lines.append(f"[2024.09.12-19.{11+r:02d}.09:{rnd.randint(0,999):03d}][  0]LogPlayLevel: Display: Shutting down PIE online subsystems")
            lines.append(f"[2024.09.12-19.{11+r:02d}.09:{rnd.randint(0,999):03d}][  0]LogWorld: BeginTearingDown for /Game/Maps/UEDPIE_0_L_Hollow_Cistern")
    return "\n".join(lines)

CRASH = r'''[2024.09.12-19.14.05:772][417]LogWindows: Error: === Critical error: ===
[2024.09.12-19.14.05:772][417]LogWindows: Error: 
[2024.09.12-19.14.05:772][417]LogWindows: Error: Fatal error!
[2024.09.12-19.14.05:772][417]LogWindows: Error: 
[2024.09.12-19.14.05:772][417]LogWindows: Error: Unhandled Exception: EXCEPTION_ACCESS_VIOLATION reading address 0xffffffffffffffff
[2024.09.12-19.14.05:772][417]LogWindows: Error: 
[2024.09.12-19.14.05:772][417]LogWindows: Error: [Callstack] 0x00007ffd3a11c2e4 UnrealEditor-Niagara.dll!UNiagaraComponent::Activate() [D:\build\++UE5\Sync\Engine\Plugins\FX\Niagara\Source\Niagara\Private\NiagaraComponent.cpp:1563]
[2024.09.12-19.14.05:772][417]LogWindows: Error: [Callstack] 0x00007ffd7c40a91b UnrealEditor-Hollowreach.dll!AHRCharacter::StartDashTrail() [D:\Dev\Hollowreach\Source\Hollowreach\Private\Character\HRCharacter.cpp:212]
[2024.09.12-19.14.05:772][417]LogWindows: Error: [Callstack] 0x00007ffd7c41f0c7 UnrealEditor-Hollowreach.dll!UHRDashAbility::ActivateAbility() [D:\Dev\Hollowreach\Source\Hollowreach\Private\Abilities\HRDashAbility.cpp:48]
[2024.09.12-19.14.05:772][417]LogWindows: Error: [Callstack] 0x00007ffd3e2b5a10 UnrealEditor-GameplayAbilities.dll!UGameplayAbility::CallActivateAbility() [D:\build\++UE5\Sync\Engine\Plugins\Runtime\GameplayAbilities\Source\GameplayAbilities\Private\Abilities\GameplayAbility.cpp:856]
[2024.09.12-19.14.05:772][417]LogWindows: Error: [Callstack] 0x00007ffd3e2f0d43 UnrealEditor-GameplayAbilities.dll!UAbilitySystemComponent::InternalTryActivateAbility() [D:\build\++UE5\Sync\Engine\Plugins\Runtime\GameplayAbilities\Source\GameplayAbilities\Private\AbilitySystemComponent_Abilities.cpp:1813]
[2024.09.12-19.14.05:772][417]LogWindows: Error: [Callstack] 0x00007ffd3e2ef5b2 UnrealEditor-GameplayAbilities.dll!UAbilitySystemComponent::TryActivateAbility() [D:\build\++UE5\Sync\Engine\Plugins\Runtime\GameplayAbilities\Source\GameplayAbilities\Private\AbilitySystemComponent_Abilities.cpp:1525]
[2024.09.12-19.14.05:772][417]LogWindows: Error: [Callstack] 0x00007ffd7c4051be UnrealEditor-Hollowreach.dll!AHRPlayerCharacter::Input_Dash() [D:\Dev\Hollowreach\Source\Hollowreach\Private\Character\HRPlayerCharacter.cpp:131]
[2024.09.12-19.14.05:772][417]LogWindows: Error: [Callstack] 0x00007ffd4a1e7735 UnrealEditor-EnhancedInput.dll!FEnhancedInputActionEventDelegateBinding<...>::Execute() [D:\build\++UE5\Sync\Engine\Plugins\EnhancedInput\Source\EnhancedInput\Public\EnhancedInputComponent.h:93]
[2024.09.12-19.14.05:772][417]LogWindows: Error: [Callstack] 0x00007ffd4a20c3c1 UnrealEditor-EnhancedInput.dll!UEnhancedPlayerInput::EvaluateInputDelegates() [D:\build\++UE5\Sync\Engine\Plugins\EnhancedInput\Source\EnhancedInput\Private\EnhancedPlayerInput.cpp:185]
[2024.09.12-19.14.05:772][417]LogWindows: Error: [Callstack] 0x00007ffd58e8a10e UnrealEditor-Engine.dll!APlayerController::ProcessPlayerInput() [D:\build\++UE5\Sync\Engine\Source\Runtime\Engine\Private\PlayerController.cpp:2913]
[2024.09.12-19.14.05:772][417]LogWindows: Error: [Callstack] 0x00007ffd58ea5c4f UnrealEditor-Engine.dll!APlayerController::TickPlayerInput() [D:\build\++UE5\Sync\Engine\Source\Runtime\Engine\Private\PlayerController.cpp:5012]
[2024.09.12-19.14.05:772][417]LogWindows: Error: [Callstack] 0x00007ffd58e9b2d4 UnrealEditor-Engine.dll!APlayerController::PlayerTick() [D:\build\++UE5\Sync\Engine\Source\Runtime\Engine\Private\PlayerController.cpp:4994]
[2024.09.12-19.14.05:772][417]LogWindows: Error: [Callstack] 0x00007ffd58f13a77 UnrealEditor-Engine.dll!APlayerController::TickActor() [D:\build\++UE5\Sync\Engine\Source\Runtime\Engine\Private\PlayerController.cpp:5152]
[2024.09.12-19.14.05:772][417]LogWindows: Error: [Callstack] 0x00007ffd589a2b91 UnrealEditor-Engine.dll!FActorTickFunction::ExecuteTick() [D:\build\++UE5\Sync\Engine\Source\Runtime\Engine\Private\Actor.cpp:1194]
[2024.09.12-19.14.05:772][417]LogWindows: Error: [Callstack] 0x00007ffd5a0f6a3e UnrealEditor-Engine.dll!FTickFunctionTask::DoTask() [D:\build\++UE5\Sync\Engine\Source\Runtime\Engine\Private\TickTaskManager.cpp:285]
[2024.09.12-19.14.05:772][417]LogWindows: Error: [Callstack] 0x00007ffd5a10c2ff UnrealEditor-Engine.dll!TGraphTask<FTickFunctionTask>::ExecuteTask() [D:\build\++UE5\Sync\Engine\Source\Runtime\Core\Public\Async\TaskGraphInterfaces.h:1235]
[2024.09.12-19.14.05:772][417]LogWindows: Error: [Callstack] 0x00007ffd61b0e2d6 UnrealEditor-Core.dll!UE::Tasks::Private::FTaskBase::TryExecuteTask() [D:\build\++UE5\Sync\Engine\Source\Runtime\Core\Public\Tasks\TaskPrivate.h:504]
[2024.09.12-19.14.05:772][417]LogWindows: Error: [Callstack] 0x00007ffd61a6e9a2 UnrealEditor-Core.dll!FNamedTaskThread::ProcessTasksNamedThread() [D:\build\++UE5\Sync\Engine\Source\Runtime\Core\Private\Async\TaskGraph.cpp:778]
[2024.09.12-19.14.05:772][417]LogWindows: Error: [Callstack] 0x00007ffd61a6f0f1 UnrealEditor-Core.dll!FNamedTaskThread::ProcessTasksUntilQuit() [D:\build\++UE5\Sync\Engine\Source\Runtime\Core\Private\Async\TaskGraph.cpp:667]
[2024.09.12-19.14.05:772][417]LogWindows: Error: [Callstack] 0x00007ffd5a0e9d1a UnrealEditor-Engine.dll!FTickTaskSequencer::ReleaseTickGroup() [D:\build\++UE5\Sync\Engine\Source\Runtime\Engine\Private\TickTaskManager.cpp:580]
[2024.09.12-19.14.05:772][417]LogWindows: Error: [Callstack] 0x00007ffd5a0f4b0c UnrealEditor-Engine.dll!FTickTaskManager::RunTickGroup() [D:\build\++UE5\Sync\Engine\Source\Runtime\Engine\Private\TickTaskManager.cpp:1587]
[2024.09.12-19.14.05:772][417]LogWindows: Error: [Callstack] 0x00007ffd59a35e2f UnrealEditor-Engine.dll!UWorld::RunTickGroup() [D:\build\++UE5\Sync\Engine\Source\Runtime\Engine\Private\LevelTick.cpp:758]
[2024.09.12-19.14.05:772][417]LogWindows: Error: [Callstack] 0x00007ffd59a3c40d UnrealEditor-Engine.dll!UWorld::Tick() [D:\build\++UE5\Sync\Engine\Source\Runtime\Engine\Private\LevelTick.cpp:1523]
[2024.09.12-19.14.05:772][417]LogWindows: Error: [Callstack] 0x00007ffd5d2c17a3 UnrealEditor-UnrealEd.dll!UEditorEngine::Tick() [D:\build\++UE5\Sync\Engine\Source\Editor\UnrealEd\Private\EditorEngine.cpp:2134]
[2024.09.12-19.14.05:772][417]LogWindows: Error: [Callstack] 0x00007ffd5d9e3b46 UnrealEditor-UnrealEd.dll!UUnrealEdEngine::Tick() [D:\build\++UE5\Sync\Engine\Source\Editor\UnrealEd\Private\UnrealEdEngine.cpp:547]
[2024.09.12-19.14.05:772][417]LogWindows: Error: [Callstack] 0x00007ff7b1a2e9a5 UnrealEditor.exe!FEngineLoop::Tick() [D:\build\++UE5\Sync\Engine\Source\Runtime\Launch\Private\LaunchEngineLoop.cpp:5915]
[2024.09.12-19.14.05:772][417]LogWindows: Error: [Callstack] 0x00007ff7b1a4b20c UnrealEditor.exe!GuardedMain() [D:\build\++UE5\Sync\Engine\Source\Runtime\Launch\Private\Launch.cpp:180]
[2024.09.12-19.14.05:772][417]LogWindows: Error: [Callstack] 0x00007ff7b1a4b2fa UnrealEditor.exe!GuardedMainWrapper() [D:\build\++UE5\Sync\Engine\Source\Runtime\Launch\Private\Windows\LaunchWindows.cpp:118]
[2024.09.12-19.14.05:772][417]LogWindows: Error: [Callstack] 0x00007ff7b1a4e0c5 UnrealEditor.exe!LaunchWindowsStartup() [D:\build\++UE5\Sync\Engine\Source\Runtime\Launch\Private\Windows\LaunchWindows.cpp:258]
[2024.09.12-19.14.05:772][417]LogWindows: Error: [Callstack] 0x00007ff7b1a5cf14 UnrealEditor.exe!WinMain() [D:\build\++UE5\Sync\Engine\Source\Runtime\Launch\Private\Windows\LaunchWindows.cpp:298]
[2024.09.12-19.14.05:772][417]LogWindows: Error: [Callstack] 0x00007ff7b1a5f1b2 UnrealEditor.exe!__scrt_common_main_seh() [D:\a\_work\1\s\src\vctools\crt\vcstartup\src\startup\exe_common.inl:288]
[2024.09.12-19.14.05:772][417]LogWindows: Error: [Callstack] 0x00007ffe1c4d257d KERNEL32.DLL!UnknownFunction []
[2024.09.12-19.14.05:772][417]LogWindows: Error: 
[2024.09.12-19.14.05:781][417]LogExit: Executing StaticShutdownAfterError
[2024.09.12-19.14.05:790][417]LogWindows: FPlatformMisc::RequestExit(1, LaunchWindowsStartup.ExceptionHandler)
[2024.09.12-19.14.05:790][417]LogWindows: FPlatformMisc::RequestExitWithStatus(1, 3, LaunchWindowsStartup.ExceptionHandler)
[2024.09.12-19.14.05:790][417]LogCore: Engine exit requested (reason: Win RequestExit)'''

HR_CHAR_H = '''#pragma once

#include "CoreMinimal.h"
#include "AbilitySystemInterface.h"
#include "GameFramework/Character.h"
#include "HRCharacter.generated.h"

class UHRAbilitySystemComponent;
class UHRAttributeSet;
class UNiagaraComponent;
class UNiagaraSystem;

UCLASS(Abstract)
class HOLLOWREACH_API AHRCharacter : public ACharacter, public IAbilitySystemInterface
{
	GENERATED_BODY()

public:
	AHRCharacter(const FObjectInitializer& ObjectInitializer);

	virtual UAbilitySystemComponent* GetAbilitySystemComponent() const override;

	void StartDashTrail();
	void StopDashTrail();

protected:
	virtual void BeginPlay() override;
	virtual void PossessedBy(AController* NewController) override;

	UPROPERTY(VisibleAnywhere, BlueprintReadOnly, Category = "Abilities")
	TObjectPtr<UHRAbilitySystemComponent> AbilitySystemComponent;

	UPROPERTY()
	TObjectPtr<UHRAttributeSet> AttributeSet;

	UPROPERTY(EditDefaultsOnly, Category = "FX")
	TObjectPtr<UNiagaraSystem> DashTrailSystem;

	// Created in BeginPlay, attached to the mesh.
	UNiagaraComponent* DashTrailFX = nullptr;
};
'''

HR_CHAR_CPP_SNIP = '''void AHRCharacter::BeginPlay()
{
	Super::BeginPlay();

	if (DashTrailSystem)
	{
		DashTrailFX = NewObject<UNiagaraComponent>(this, TEXT("DashTrailFX"));
		DashTrailFX->SetAsset(DashTrailSystem);
		DashTrailFX->SetAutoActivate(false);
		DashTrailFX->SetupAttachment(GetMesh(), TEXT("spine_03"));
		DashTrailFX->RegisterComponent();
	}
}

// ...

void AHRCharacter::StartDashTrail()
{
	if (DashTrailFX)            // line 210
	{
		DashTrailFX->Activate(true);   // line 212  <- crash
	}
}
'''

LIVE_CODING_FAIL = r'''LogLiveCoding: Display: Starting Live Coding compile.
LogLiveCoding: Display: Live coding compile started
Building HollowreachEditor...
[1/4] Compile [x64] HRCharacter.gen.cpp
[2/4] Compile [x64] HRCharacter.cpp
[3/4] Compile [x64] HRAttributeSet.cpp
[4/4] Link [x64] UnrealEditor-Hollowreach.patch_0.exe
LogLiveCoding: Display: Live coding succeeded
LogLiveCoding: Warning: Re-instancing is enabled but the following class layouts changed and cannot be patched safely:
LogLiveCoding: Warning:     AHRCharacter (added property DashTrailFX; size 2864 -> 2872)
LogLiveCoding: Warning:     UHRAttributeSet (added property Stamina, MaxStamina, StaminaRegenRate; size 312 -> 520)
LogLiveCoding: Warning: Live Coding: Changes to the following header files may cause instability: HRCharacter.h, HRAttributeSet.h. Close the editor and build from your IDE.
LogPlayLevel: PlayLevel: No blueprints needed recompiling
LogAbilitySystem: Warning: UHRAttributeSet::Stamina is not found in the attribute set class default object. Attribute metadata will be ignored.
LogOutputDevice: Warning: Script Stack (1 frames) :
/Game/Characters/Player/BP_PlayerCharacter.BP_PlayerCharacter_C.ExecuteUbergraph_BP_PlayerCharacter
LogWindows: Error: === Critical error: ===
LogWindows: Error: Assertion failed: Property->GetOwnerStruct() == GetClass() [File:D:\build\++UE5\Sync\Engine\Plugins\Runtime\GameplayAbilities\Source\GameplayAbilities\Private\AttributeSet.cpp] [Line: 188]
LogWindows: Error: Attribute UHRAttributeSet.Stamina does not belong to REINST_HRAttributeSet_0
LogWindows: Error: [Callstack] 0x00007ffd3e27c1a2 UnrealEditor-GameplayAbilities.dll!FGameplayAttribute::GetNumericValueChecked() [AttributeSet.cpp:188]
LogWindows: Error: [Callstack] 0x00007ffd7c4a3310 UnrealEditor-Hollowreach.dll!UHRDashAbility::CanActivateAbility() [HRDashAbility.cpp:31]
'''

turns = [
    U("Hey! Hope your day's going better than mine :) So Hollowreach is crashing in PIE and I've been staring at it for an hour. "
      "Context for you: UE 5.4, C++ plus GAS for all abilities, Windows, Rider. The crash is always in the dash, but not right away, "
      "it's like after a minute of playing, sometimes a bit more. First dashes are fine. I'm pasting the output log of my last few "
      "PIE sessions, it's long, sorry. Oh and fyi, the dash-charge thing: last sprint I tried Enhanced Input's Hold trigger for "
      "charging the dash, but it fires Triggered every single tick while held and the ability kept re-activating, so I ditched it "
      "and we do Started/Completed with a timer now. Just so you don't go there."),
    T("Read", "Saved/Logs/Hollowreach.log", repeat_log(4) + "\n" + CRASH),
    A("Thanks, the log helps a lot. The crash is an access violation inside `UNiagaraComponent::Activate()` called from "
      "`AHRCharacter::StartDashTrail()` (HRCharacter.cpp:212), and it happens right after a `LogGarbage: GC purged ...` line in each "
      "session. 'Fine for about a minute' matches the default GC interval (`gc.TimeBetweenPurgingPendingKillObjects` is ~61s). "
      "Let me look at the header."),
    T("Read", "Source/Hollowreach/Public/Character/HRCharacter.h", HR_CHAR_H),
    T("Read", "Source/Hollowreach/Private/Character/HRCharacter.cpp (lines 40-215)", HR_CHAR_CPP_SNIP),
    A("Found it. `DashTrailFX` is a raw `UNiagaraComponent*` member **without `UPROPERTY()`**. The garbage collector only sees "
      "references it can reflect over (UPROPERTY members, `AddReferencedObjects`, etc.). The component is created with `NewObject` "
      "in `BeginPlay`; it's registered, but nothing reflected holds it (it's not in a UPROPERTY and isn't a default subobject), so "
      "at the first GC pass after it's been deactivated/detached it's considered unreachable and destroyed. The raw pointer still "
      "holds the old address (it isn't nulled like a UPROPERTY/TObjectPtr would be), `if (DashTrailFX)` passes, and `Activate()` "
      "reads freed memory.\n\nFix: mark it `UPROPERTY(Transient)` and make it `TObjectPtr<UNiagaraComponent>`, so GC keeps it alive "
      "while the character lives and nulls it if it is destroyed. Also worth creating it in the constructor with "
      "`CreateDefaultSubobject` instead of `NewObject` in BeginPlay, but the UPROPERTY is the actual fix."),
    U("OMG. Of course. I swear I know this rule. Yes, do it. And from now on: TObjectPtr with UPROPERTY for every UObject member, "
      "no raw pointers in headers, I've been lazy."),
    T("Edit", "Source/Hollowreach/Public/Character/HRCharacter.h",
      "@@ -36,6 +36,7 @@ protected:\n \tUPROPERTY(EditDefaultsOnly, Category = \"FX\")\n \tTObjectPtr<UNiagaraSystem> DashTrailSystem;\n \n-\t// Created in BeginPlay, attached to the mesh.\n-\tUNiagaraComponent* DashTrailFX = nullptr;\n+\t// Must be a UPROPERTY: otherwise GC destroys it (~60s) and we keep a dangling pointer.\n+\tUPROPERTY(Transient)\n+\tTObjectPtr<UNiagaraComponent> DashTrailFX;\n };"),
    A("While you're in the editor: now for stamina, which you mentioned in the sprint notes. The simplest is a dedicated "
      "`UHRStaminaComponent` (BlueprintSpawnable, `Current/Max/RegenPerSecond`, `TryConsume(float)`, an `OnStaminaChanged` "
      "delegate for the HUD). Want me to sketch that?"),
    U("Yes! Blueprint-exposed please, the designers want to tweak regen in BP."),
    T("Edit", "Source/Hollowreach/Public/Character/HRStaminaComponent.h",
      "@@ -0,0 +1,32 @@\n+#pragma once\n+#include \"CoreMinimal.h\"\n+#include \"Components/ActorComponent.h\"\n+#include \"HRStaminaComponent.generated.h\"\n+\n+DECLARE_DYNAMIC_MULTICAST_DELEGATE_TwoParams(FHROnStaminaChanged, float, Current, float, Max);\n+\n+UCLASS(ClassGroup = (Hollowreach), meta = (BlueprintSpawnableComponent))\n+class HOLLOWREACH_API UHRStaminaComponent : public UActorComponent\n+{\n+\tGENERATED_BODY()\n+public:\n+\tUHRStaminaComponent();\n+\n+\tUFUNCTION(BlueprintCallable, Category = \"Stamina\")\n+\tbool TryConsume(float Amount);\n+\n+\tUPROPERTY(BlueprintAssignable)\n+\tFHROnStaminaChanged OnStaminaChanged;\n+\n+protected:\n+\tUPROPERTY(EditAnywhere, BlueprintReadWrite, Category = \"Stamina\")\n+\tfloat Max = 100.f;\n+\n+\tUPROPERTY(EditAnywhere, BlueprintReadWrite, Category = \"Stamina\")\n+\tfloat RegenPerSecond = 20.f;\n+\n+\tUPROPERTY(VisibleInstanceOnly, BlueprintReadOnly, Category = \"Stamina\")\n+\tfloat Current = 100.f;\n+\n+\tvirtual void TickComponent(float DeltaTime, ELevelTick TickType, FActorComponentTickFunction* ThisTickFunction) override;\n+};\n"),
    U("Hmm wait. Actually... no. Sorry. I'm thinking about it now and everything else (health, poise) is already a GAS attribute in "
      "UHRAttributeSet, and the dash is a GameplayAbility anyway. If stamina lives in a separate component the ability needs to "
      "reach into it, we lose the cost check in CanActivate, and the HUD has two ways of listening. Let's do stamina as an attribute "
      "in the attribute set instead, with the dash cost as a GameplayEffect. Scrap the component, sorry for the back and forth!"),
    A("No problem, that's the more consistent choice with GAS: `Stamina`/`MaxStamina` in `UHRAttributeSet`, the dash uses a "
      "`CostGameplayEffectClass` (`GE_DashCost`, -25 Stamina), so `CommitAbility` / `CanActivateAbility` handle the check for free, "
      "and regen is an infinite-duration periodic GE that a `Regen.Blocked` tag can inhibit. I'll delete the component."),
    T("Bash", "Remove-Item Source\\Hollowreach\\Public\\Character\\HRStaminaComponent.h; git status --short",
      " M Source/Hollowreach/Public/Character/HRCharacter.h\n"),
    T("Edit", "Source/Hollowreach/Public/Abilities/HRAttributeSet.h",
      "@@ -30,6 +30,18 @@ public:\n \tUPROPERTY(BlueprintReadOnly, Category = \"Poise\", ReplicatedUsing = OnRep_Poise)\n \tFGameplayAttributeData Poise;\n \tATTRIBUTE_ACCESSORS(UHRAttributeSet, Poise)\n+\n+\tUPROPERTY(BlueprintReadOnly, Category = \"Stamina\", ReplicatedUsing = OnRep_Stamina)\n+\tFGameplayAttributeData Stamina;\n+\tATTRIBUTE_ACCESSORS(UHRAttributeSet, Stamina)\n+\n+\tUPROPERTY(BlueprintReadOnly, Category = \"Stamina\", ReplicatedUsing = OnRep_MaxStamina)\n+\tFGameplayAttributeData MaxStamina;\n+\tATTRIBUTE_ACCESSORS(UHRAttributeSet, MaxStamina)\n+\n+\tUPROPERTY(BlueprintReadOnly, Category = \"Stamina\", ReplicatedUsing = OnRep_StaminaRegenRate)\n+\tFGameplayAttributeData StaminaRegenRate;\n+\tATTRIBUTE_ACCESSORS(UHRAttributeSet, StaminaRegenRate)"),
    T("Edit", "Source/Hollowreach/Private/Abilities/HRAttributeSet.cpp",
      "@@ -44,6 +44,12 @@ void UHRAttributeSet::PreAttributeChange(const FGameplayAttribute& Attribute, float& NewValue)\n \tif (Attribute == GetHealthAttribute())\n \t{\n \t\tNewValue = FMath::Clamp(NewValue, 0.f, GetMaxHealth());\n \t}\n+\telse if (Attribute == GetStaminaAttribute())\n+\t{\n+\t\tNewValue = FMath::Clamp(NewValue, 0.f, GetMaxStamina());\n+\t}\n@@ -71,3 +77,6 @@ void UHRAttributeSet::GetLifetimeReplicatedProps(TArray<FLifetimeProperty>& OutLifetimeProps) const\n \tDOREPLIFETIME_CONDITION_NOTIFY(UHRAttributeSet, Poise, COND_None, REPNOTIFY_Always);\n+\tDOREPLIFETIME_CONDITION_NOTIFY(UHRAttributeSet, Stamina, COND_None, REPNOTIFY_Always);\n+\tDOREPLIFETIME_CONDITION_NOTIFY(UHRAttributeSet, MaxStamina, COND_None, REPNOTIFY_Always);\n+\tDOREPLIFETIME_CONDITION_NOTIFY(UHRAttributeSet, StaminaRegenRate, COND_None, REPNOTIFY_Always);"),
    T("Edit", "Source/Hollowreach/Private/Abilities/HRDashAbility.cpp",
      "@@ -12,6 +12,8 @@ UHRDashAbility::UHRDashAbility()\n {\n \tInstancingPolicy = EGameplayAbilityInstancingPolicy::InstancedPerActor;\n \tNetExecutionPolicy = EGameplayAbilityNetExecutionPolicy::LocalPredicted;\n+\t// Cost: GE_DashCost (-25 Stamina), checked by CanActivateAbility/CommitAbility\n+\tCostGameplayEffectClass = UHRGE_DashCost::StaticClass();\n }"),
    U("Editor's still open, can you just hit Live Coding (Ctrl+Alt+F11) so I don't lose my level changes?"),
    T("Bash", "# Live Coding triggered from the editor (Ctrl+Alt+F11); output from the Live Coding console + Output Log", LIVE_CODING_FAIL),
    A("Live Coding patched the code but not the class layouts: we added UPROPERTYs to `AHRCharacter` and three attributes to "
      "`UHRAttributeSet`, and reinstancing got the attribute set wrong (`Stamina does not belong to REINST_HRAttributeSet_0`), "
      "which crashed the editor. Live Coding can't handle header/layout changes reliably. Your level changes should be in the "
      "autosave (`Saved/Autosaves`). We need to close the editor and do a full build from Rider."),
    U("argh. yeah ok, I knew that too. Lesson re-learned: header changes = close editor, build from Rider. Go."),
    T("Bash", "\"D:\\Epic\\UE_5.4\\Engine\\Build\\BatchFiles\\Build.bat\" HollowreachEditor Win64 Development -Project=\"D:\\Dev\\Hollowreach\\Hollowreach.uproject\" -WaitMutex -FromMsBuild",
      ubt_log()),
    A("Full build succeeded (396s). The C4996 deprecation warnings are pre-existing (SimpleMoveToLocation, FHitResult::Actor, "
      "SaveGameToSlot) and unrelated. Next step is on your side in the editor: create `GE_DashCost` (Instant, Stamina add -25) and "
      "`GE_StaminaRegen` (Infinite, period 0.1s, adds StaminaRegenRate*0.1, blocked by `Regen.Blocked`), and bind the HUD stamina "
      "bar to `GetGameplayAttributeValueChangeDelegate(Stamina)`. Should regen pause for 1.5s after a dash, like Poise does?"),
    U("Editor's back up, level was in autosave, phew. Did 10 minutes of PIE with dashing like a maniac, no crash anymore, stamina "
      "bar drains and refills. Love it."),
    T("Bash", "git add -A Source && git commit -m \"Fix dash trail GC crash (UPROPERTY); stamina as GAS attribute with GE cost\"",
      "[feature/stamina 8c41e0a] Fix dash trail GC crash (UPROPERTY); stamina as GAS attribute with GE cost\n 5 files changed, 61 insertions(+), 4 deletions(-)\n"),
    U("Great work today, thank you! One thing I haven't tested at all: the dash in multiplayer. It's LocalPredicted but I never ran "
      "it with 2 clients and lag simulation, I bet the stamina cost gets applied twice or corrected weirdly. Leave that for next time."),
    A("Will do. Have a good evening!"),
]

session = {
    "id": "unreal_hollowreach",
    "project": "Hollowreach",
    "cwd_files": ["Source/Hollowreach/Public/Character/HRCharacter.h", "Source/Hollowreach/Private/Character/HRCharacter.cpp",
                  "Source/Hollowreach/Public/Abilities/HRAttributeSet.h", "Source/Hollowreach/Private/Abilities/HRDashAbility.cpp"],
    "turns": turns,
    "gold": [
        {"kind": "PROJECT", "summary": "Hollowreach: UE 5.4 C++ game using the Gameplay Ability System (GAS), Windows + Rider",
         "all_of": ["5.4"], "any_of": ["gas", "gameplay ability", "unreal", "ue"], "files": []},
        {"kind": "FAILED", "summary": "Enhanced Input Hold trigger for dash charge: fires Triggered every tick, ability re-activated; ditched for Started/Completed + timer",
         "all_of": ["hold"], "any_of": ["every tick", "tick", "triggered", "ditched", "dropped", "enhanced input"], "files": [], "failure": True},
        {"kind": "BUG_FIX", "summary": "Dash crash after ~60s: DashTrailFX raw pointer without UPROPERTY was garbage collected; made UPROPERTY TObjectPtr",
         "all_of": ["uproperty"], "any_of": ["gc", "garbage", "dangling", "crash", "dashtrail"], "files": ["Source/Hollowreach/Public/Character/HRCharacter.h"]},
        {"kind": "PREFERENCE", "summary": "Every UObject member is a UPROPERTY TObjectPtr, no raw pointers in headers",
         "all_of": ["tobjectptr"], "any_of": ["raw", "member", "every", "always", "never", "header"], "files": []},
        {"kind": "DECISION", "summary": "Stamina is a GAS attribute in UHRAttributeSet; dash cost via GE_DashCost (-25) as CostGameplayEffectClass",
         "all_of": ["stamina"], "any_of": ["attribute", "gameplayeffect", "gameplay effect", "ge_dashcost", "cost"], "files": ["Source/Hollowreach/Public/Abilities/HRAttributeSet.h"]},
        {"kind": "FAILED", "summary": "Live Coding after header/UPROPERTY changes: reinstancing assert crashed editor; close editor and build from Rider",
         "all_of": ["live coding"], "any_of": ["header", "layout", "crash", "close", "rider", "reinstanc"], "files": [], "failure": True},
        {"kind": "TODO", "summary": "Test LocalPredicted dash with 2 clients + lag (stamina cost applied twice?)",
         "all_of": ["dash"], "any_of": ["multiplayer", "clients", "predict", "lag", "network", "replicat"], "files": []},
    ],
    "dead_ends": [
        {"summary": "Separate UHRStaminaComponent (Blueprint component), scrapped for GAS attribute", "all_of": ["staminacomponent"]},
    ],
    "secrets": [],
}

if __name__ == "__main__":
    write(session)
