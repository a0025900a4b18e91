"""Session: Go CLI with Cobra + Viper. Developer who thinks aloud."""
from _lib import U, A, T, edit, write_file, read, bash, write

root_go = '''package cmd

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"
)

var cfgFile string

var rootCmd = &cobra.Command{
	Use:   "shipctl",
	Short: "Deploy and inspect services on the Orbit platform",
}

func Execute() {
	if err := rootCmd.Execute(); err != nil {
		os.Exit(1)
	}
}

func init() {
	cobra.OnInitialize(initConfig)
	rootCmd.PersistentFlags().StringVar(&cfgFile, "config", "", "config file (default $HOME/.config/shipctl/config.yaml)")
	rootCmd.PersistentFlags().String("profile", "default", "credentials profile")
	_ = viper.BindPFlag("profile", rootCmd.PersistentFlags().Lookup("profile"))
	_ = viper.BindPFlag("region", rootCmd.PersistentFlags().Lookup("region"))
	_ = viper.BindPFlag("dry-run", rootCmd.PersistentFlags().Lookup("dry-run"))
}

func initConfig() {
	if cfgFile != "" {
		viper.SetConfigFile(cfgFile)
	} else {
		home, err := os.UserHomeDir()
		cobra.CheckErr(err)
		viper.AddConfigPath(filepath.Join(home, ".config", "shipctl"))
		viper.SetConfigName("config")
		viper.SetConfigType("yaml")
	}
	viper.SetEnvPrefix("SHIPCTL")
	viper.AutomaticEnv()
	if err := viper.ReadInConfig(); err == nil {
		fmt.Fprintln(os.Stderr, "Using config file:", viper.ConfigFileUsed())
	}
}
'''

deploy_go = '''package cmd

import (
	"fmt"

	"github.com/orbit/shipctl/internal/deploy"
	"github.com/spf13/cobra"
	"github.com/spf13/viper"
)

var deployCmd = &cobra.Command{
	Use:   "deploy SERVICE[@VERSION]",
	Short: "Deploy a service",
	Args:  cobra.ExactArgs(1),
	RunE: func(cmd *cobra.Command, args []string) error {
		svc, version, err := deploy.ParseTarget(args[0])
		if err != nil {
			return err
		}
		region := viper.GetString("region")
		dry := viper.GetBool("dry-run")
		timeout := viper.GetDuration("deploy.timeout")
		fmt.Fprintf(cmd.OutOrStdout(), "deploying %s@%s to %s%s\\n", svc, version, region, dryLabel(dry))
		return deploy.Run(cmd.Context(), deploy.Options{Service: svc, Version: version, Region: region, DryRun: dry, Timeout: timeout})
	},
}

func init() {
	rootCmd.AddCommand(deployCmd)
	deployCmd.Flags().String("region", "", "target region (overrides config)")
	deployCmd.Flags().Bool("dry-run", false, "print the plan, change nothing")
}
'''

config_yaml = '''profile: default
region: us-east-1
token: sct_9f2c41e0b7d84a3e96c1f5a0d2b7e843
deploy:
  timeout: 5m
  wait: true
registry: registry.orbit.internal:5000
'''

rollback_gen = '''/*
Copyright © 2026 NAME HERE <EMAIL ADDRESS>

Licensed under the Apache License, Version 2.0 (the "License");
you may not use this file except in compliance with the License.
You may obtain a copy of the License at

    http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreed to in writing, software
distributed under the License is distributed on an "AS IS" BASIS,
WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
See the License for the specific language governing permissions and
limitations under the License.
*/
package cmd

import (
	"fmt"

	"github.com/spf13/cobra"
)

// rollbackCmd represents the rollback command
var rollbackCmd = &cobra.Command{
	Use:   "rollback",
	Short: "A brief description of your command",
	Long: `A longer description that spans multiple lines and likely contains examples
and usage of using your command. For example:

Cobra is a CLI library for Go that empowers applications.
This application is a tool to generate the needed files
to quickly create a Cobra application.`,
	Run: func(cmd *cobra.Command, args []string) {
		fmt.Println("rollback called")
	},
}

func init() {
	rootCmd.AddCommand(rollbackCmd)

	// Here you will define your flags and configuration settings.

	// Cobra supports Persistent Flags which will work for this command
	// and all subcommands, e.g.:
	// rollbackCmd.PersistentFlags().String("foo", "", "A help for foo")

	// Cobra supports local flags which will only run when this command
	// is called directly, e.g.:
	// rollbackCmd.Flags().BoolP("toggle", "t", false, "Help message for toggle")
}
'''

def gotest():
    tests = [
        ("internal/deploy", ["TestParseTarget/plain", "TestParseTarget/with_version", "TestParseTarget/empty", "TestParseTarget/bad_at",
                             "TestPlan/new_service", "TestPlan/same_version_noop", "TestPlan/scale_only", "TestRunDryRun",
                             "TestRunTimeout", "TestWaitHealthy/healthy_after_3_polls", "TestWaitHealthy/never_healthy"]),
        ("internal/orbitapi", ["TestClientAuthHeader", "TestClientRetries5xx", "TestClientNoRetry4xx", "TestListReleases",
                               "TestGetStatus/running", "TestGetStatus/degraded", "TestStreamLogs"]),
        ("cmd", ["TestDeployCmd/region_flag", "TestDeployCmd/region_from_config", "TestDeployCmd/dry_run",
                 "TestStatusCmd/table", "TestStatusCmd/json", "TestLogsCmd/follow", "TestLogsCmd/since",
                 "TestRollbackCmd/to_previous", "TestRollbackCmd/to_version", "TestRollbackCmd/no_history"]),
    ]
    out = []
    import random
    random.seed(3)
    for pkg, names in tests:
        for n in names:
            out.append(f"=== RUN   {n}")
        for n in names:
            out.append(f"--- PASS: {n} (0.{random.randint(0, 40):02d}s)")
        out.append("PASS")
        out.append(f"ok  \tgithub.com/orbit/shipctl/{pkg}\t{random.uniform(0.1, 1.9):.3f}s")
    out.insert(0, "?   \tgithub.com/orbit/shipctl\t[no test files]")
    return "\n".join(out)

turns = [
    U("ok so... `shipctl deploy api@v1.8.2 --region eu-west-1` keeps deploying to us-east-1. I think? Let me think. The config "
      "file has region us-east-1, and the flag should win over that. Hmm, unless viper isn't seeing the flag at all. Can you "
      "take a look"),
    read("cmd/root.go", root_go),
    read("cmd/deploy.go", deploy_go),
    bash("go run . deploy api@v1.8.2 --region eu-west-1 --dry-run",
         "Using config file: /home/sam/.config/shipctl/config.yaml\ndeploying api@v1.8.2 to us-east-1\nError: refusing to deploy without confirmation (pass --yes or use --dry-run)"),
    read("/home/sam/.config/shipctl/config.yaml", config_yaml),
    A("Confirmed. The bug is in `root.go`'s `init()`: `viper.BindPFlag(\"region\", rootCmd.PersistentFlags().Lookup(\"region\"))`. "
      "There is no `region` flag on the root command any more; it's defined on `deployCmd.Flags()`. So `Lookup` returns nil, "
      "`BindPFlag` returns `flag for \"region\" is nil`, and the `_ =` throws that error away. Viper then only knows `region` "
      "from the config file. `dry-run` is broken the same way, which is why the run above wanted a confirmation "
      "even though `--dry-run` was passed (good thing the confirmation prompt exists).\n\n"
      "Fix: bind the flags of the command that owns them, at the time it runs, e.g. in `deployCmd.PreRunE`: "
      "`viper.BindPFlag(\"region\", cmd.Flags().Lookup(\"region\"))`, and return the error instead of discarding it."),
    U("hm. right. I remember we moved region from root to deploy in that refactor in October. Ok. And actually, thinking "
      "about it... I'd rather not have init() everywhere. Package globals plus init() is exactly why this was invisible. "
      "Each command should be a newXCmd() func that returns *cobra.Command, root wires them up, no package-level vars. That "
      "would've made the lookup obvious. Yeah. Let's do that."),
    A("Makes sense. I'll start with root and deploy. Should status and logs get the same treatment in this change, or "
      "separately?"),
    write_file("cmd/deploy.go", '''package cmd

import (
	"fmt"

	"github.com/orbit/shipctl/internal/deploy"
	"github.com/spf13/cobra"
	"github.com/spf13/viper"
)

func newDeployCmd(v *viper.Viper) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "deploy SERVICE[@VERSION]",
		Short: "Deploy a service",
		Args:  cobra.ExactArgs(1),
		PreRunE: func(cmd *cobra.Command, _ []string) error {
			return bindFlags(v, cmd, "region", "dry-run")
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			svc, version, err := deploy.ParseTarget(args[0])
			if err != nil {
				return err
			}
			opts := deploy.Options{
				Service: svc, Version: version,
				Region:  v.GetString("region"),
				DryRun:  v.GetBool("dry-run"),
				Timeout: v.GetDuration("deploy.timeout"),
			}
			fmt.Fprintf(cmd.OutOrStdout(), "deploying %s@%s to %s%s\\n", svc, version, opts.Region, dryLabel(opts.DryRun))
			return deploy.Run(cmd.Context(), opts)
		},
	}
	cmd.Flags().String("region", "", "target region (overrides config)")
	cmd.Flags().Bool("dry-run", false, "print the plan, change nothing")
	return cmd
}
'''),
    write_file("cmd/root.go", '''package cmd

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"
)

// NewRootCmd builds the whole command tree. main calls NewRootCmd().Execute().
func NewRootCmd() *cobra.Command {
	v := viper.New()
	var cfgFile string
	root := &cobra.Command{
		Use:           "shipctl",
		Short:         "Deploy and inspect services on the Orbit platform",
		SilenceUsage:  true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			if err := initConfig(v, cfgFile); err != nil {
				return err
			}
			return bindFlags(v, cmd.Root(), "profile")
		},
	}
	root.PersistentFlags().StringVar(&cfgFile, "config", "", "config file (default $HOME/.config/shipctl/config.yaml)")
	root.PersistentFlags().String("profile", "default", "credentials profile")
	root.AddCommand(newDeployCmd(v), newStatusCmd(v), newLogsCmd(v))
	return root
}

func bindFlags(v *viper.Viper, cmd *cobra.Command, names ...string) error {
	for _, n := range names {
		f := cmd.Flags().Lookup(n)
		if f == nil {
			f = cmd.PersistentFlags().Lookup(n)
		}
		if f == nil {
			return fmt.Errorf("bind flag %q: not defined on %s", n, cmd.Name())
		}
		if err := v.BindPFlag(n, f); err != nil {
			return err
		}
	}
	return nil
}

func initConfig(v *viper.Viper, cfgFile string) error {
	if cfgFile != "" {
		v.SetConfigFile(cfgFile)
	} else {
		home, err := os.UserHomeDir()
		if err != nil {
			return err
		}
		v.AddConfigPath(filepath.Join(home, ".config", "shipctl"))
		v.SetConfigName("config")
		v.SetConfigType("yaml")
	}
	v.SetEnvPrefix("SHIPCTL")
	v.AutomaticEnv()
	if err := v.ReadInConfig(); err != nil {
		if _, ok := err.(viper.ConfigFileNotFoundError); !ok {
			return err
		}
	}
	return nil
}
'''),
    edit("main.go", "\tcmd.Execute()", "\tif err := cmd.NewRootCmd().Execute(); err != nil {\n\t\tos.Exit(1)\n\t}"),
    U("status and logs too, yes. Oh wait, and there's the rollback command I need anyway. Could we just use cobra-cli to "
      "generate it? quicker maybe. Then adapt."),
    bash("go install github.com/spf13/cobra-cli@latest && cobra-cli add rollback",
         "go: downloading github.com/spf13/cobra-cli v1.3.0\ngo: downloading github.com/spf13/cobra v1.7.0\n"
         "go: downloading github.com/spf13/viper v1.16.0\ngo: downloading github.com/spf13/afero v1.9.5\n"
         "rollback created at /home/sam/src/shipctl"),
    read("cmd/rollback.go", rollback_gen),
    bash("go build ./...", "# github.com/orbit/shipctl/cmd\ncmd/rollback.go:41:2: undefined: rootCmd"),
    A("As expected the generator emits the old style: a package-level `rollbackCmd` var, an `init()` that calls "
      "`rootCmd.AddCommand`, plus an Apache license header with placeholder name. `rootCmd` no longer exists, hence the build "
      "error. Adapting it means rewriting every line except `Use`."),
    U("ugh, no. scrap the generator, write it by hand like the others"),
    bash("rm cmd/rollback.go && git status --short", " M cmd/deploy.go\n M cmd/root.go\n M main.go"),
    write_file("cmd/rollback.go", '''package cmd

import (
	"fmt"

	"github.com/orbit/shipctl/internal/orbitapi"
	"github.com/spf13/cobra"
	"github.com/spf13/viper"
)

func newRollbackCmd(v *viper.Viper) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rollback SERVICE",
		Short: "Roll a service back to its previous (or a given) release",
		Args:  cobra.ExactArgs(1),
		PreRunE: func(cmd *cobra.Command, _ []string) error {
			return bindFlags(v, cmd, "region", "to", "dry-run")
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			client, err := orbitapi.FromViper(v)
			if err != nil {
				return err
			}
			target, err := client.PreviousRelease(cmd.Context(), args[0], v.GetString("region"), v.GetString("to"))
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "rolling back %s to %s%s\\n", args[0], target, dryLabel(v.GetBool("dry-run")))
			if v.GetBool("dry-run") {
				return nil
			}
			return client.Promote(cmd.Context(), args[0], target)
		},
	}
	cmd.Flags().String("region", "", "target region (overrides config)")
	cmd.Flags().String("to", "", "release to roll back to (default: previous)")
	cmd.Flags().Bool("dry-run", false, "print the plan, change nothing")
	return cmd
}
'''),
    edit("cmd/root.go", "root.AddCommand(newDeployCmd(v), newStatusCmd(v), newLogsCmd(v))",
         "root.AddCommand(newDeployCmd(v), newStatusCmd(v), newLogsCmd(v), newRollbackCmd(v))"),
    edit("cmd/status.go", "var statusCmd = &cobra.Command{", "func newStatusCmd(v *viper.Viper) *cobra.Command {\n\tcmd := &cobra.Command{",
         "The file cmd/status.go has been updated. (init() removed, flags defined on cmd, returns cmd)"),
    edit("cmd/logs.go", "var logsCmd = &cobra.Command{", "func newLogsCmd(v *viper.Viper) *cobra.Command {\n\tcmd := &cobra.Command{",
         "The file cmd/logs.go has been updated. (init() removed, flags defined on cmd, returns cmd)"),
    bash("go vet ./... && go test ./... -v 2>&1 | tail -40", gotest()),
    bash("go run . deploy api@v1.8.2 --region eu-west-1 --dry-run", "deploying api@v1.8.2 to eu-west-1 (dry run)"),
    U("there we go. Now env vars. `SHIPCTL_DRY_RUN=1 shipctl deploy ...` should work but doesn't. Hmm, maybe because the key "
      "is dry-run with a dash? Probably that. Or the bool parsing? no, viper handles \"1\"."),
    A("It's the dash. `AutomaticEnv` upper-cases the key and adds the prefix, so viper looks for `SHIPCTL_DRY-RUN`, which you "
      "can't even set from a normal shell. Same problem for nested keys: `deploy.timeout` becomes `SHIPCTL_DEPLOY.TIMEOUT`. "
      "`SetEnvKeyReplacer(strings.NewReplacer(\"-\", \"_\", \".\", \"_\"))` maps both to underscores."),
    edit("cmd/root.go", '\tv.SetEnvPrefix("SHIPCTL")\n\tv.AutomaticEnv()',
         '\tv.SetEnvPrefix("SHIPCTL")\n\tv.SetEnvKeyReplacer(strings.NewReplacer("-", "_", ".", "_"))\n\tv.AutomaticEnv()'),
    bash("SHIPCTL_DRY_RUN=1 SHIPCTL_DEPLOY_TIMEOUT=90s go run . deploy api@v1.8.2 -v 2>&1 | head -3",
         "deploying api@v1.8.2 to us-east-1 (dry run)\nplan: 1 service, image registry.orbit.internal:5000/api:v1.8.2, timeout 1m30s\nno changes applied (dry run)"),
    A("Both work. Resulting precedence, per key: flag > `SHIPCTL_*` env var > config file > default. Should `--dry-run` also "
      "skip the preflight health check against the cluster, or keep that check since it's read-only?"),
    U("Write a test for the precedence. then I think we're done. Oh, completions... We should document `shipctl completion zsh` "
      "in the README at some point. Not now."),
    write_file("cmd/root_test.go", '''package cmd

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestRegionPrecedence(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("region: us-east-1\\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, env string
		args      []string
		want      string
	}{
		{"file", "", nil, "us-east-1"},
		{"env beats file", "ap-south-1", nil, "ap-south-1"},
		{"flag beats env", "ap-south-1", []string{"--region", "eu-west-1"}, "eu-west-1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("SHIPCTL_REGION", tc.env)
			root := NewRootCmd()
			var out bytes.Buffer
			root.SetOut(&out)
			root.SetArgs(append([]string{"--config", cfg, "deploy", "api@v1", "--dry-run"}, tc.args...))
			if err := root.Execute(); err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(out.Bytes(), []byte(" to "+tc.want)) {
				t.Fatalf("got %q, want region %s", out.String(), tc.want)
			}
		})
	}
}
'''),
    bash("go test ./cmd -run TestRegionPrecedence -v",
         "=== RUN   TestRegionPrecedence\n=== RUN   TestRegionPrecedence/file\n=== RUN   TestRegionPrecedence/env_beats_file\n"
         "=== RUN   TestRegionPrecedence/flag_beats_env\n--- PASS: TestRegionPrecedence (0.00s)\n"
         "    --- PASS: TestRegionPrecedence/file (0.00s)\n    --- PASS: TestRegionPrecedence/env_beats_file (0.00s)\n"
         "    --- PASS: TestRegionPrecedence/flag_beats_env (0.00s)\nPASS\nok  \tgithub.com/orbit/shipctl/cmd\t0.019s"),
    U("commit it"),
    bash('git add -A cmd main.go && git commit -m "cmd: constructor-built commands, bind flags per command, env key replacer, rollback"',
         "[main 4be19d0] cmd: constructor-built commands, bind flags per command, env key replacer, rollback\n 7 files changed, 241 insertions(+), 118 deletions(-)\n create mode 100644 cmd/rollback.go\n create mode 100644 cmd/root_test.go"),
    A("Committed as 4be19d0. Left open: README section for `shipctl completion zsh`. Side note: your config.yaml holds the "
      "Orbit API token in plain text; `shipctl` could read it from the OS keychain instead, if you ever want that."),
]

session = {
    "id": "cobra_shipctl",
    "project": "shipctl",
    "cwd_files": ["main.go", "cmd/root.go", "cmd/deploy.go", "cmd/rollback.go", "cmd/status.go", "cmd/logs.go", "cmd/root_test.go"],
    "turns": turns,
    "gold": [
        {"kind": "PROJECT", "summary": "shipctl: Go CLI for the Orbit platform, Cobra commands + Viper config (~/.config/shipctl/config.yaml)",
         "all_of": ["cobra"], "any_of": ["viper", "shipctl", "config.yaml", "orbit"], "files": []},
        {"kind": "BUG_FIX", "summary": "--region ignored: BindPFlag looked it up on root PersistentFlags (nil, error discarded); now bound from deploy's own flags in PreRunE",
         "all_of": ["region"], "any_of": ["BindPFlag", "nil", "PreRunE", "persistent", "bound", "bind"], "files": ["cmd/root.go", "cmd/deploy.go"]},
        {"kind": "PATTERN", "summary": "Every Cobra command is built by a newXCmd(v) constructor returning *cobra.Command; no package globals or init()",
         "all_of": ["command"], "any_of": ["constructor", "Cmd(", "global", "init()"], "files": ["cmd/root.go"]},
        {"kind": "FAILED", "summary": "cobra-cli generator for rollback: emits globals + init() on rootCmd (build error); scrapped, written by hand",
         "all_of": ["cobra-cli"], "any_of": ["global", "init", "rootCmd", "undefined", "scrap", "by hand"], "files": ["cmd/rollback.go"],
         "failure": True},
        {"kind": "BUG_FIX", "summary": "SHIPCTL_DRY_RUN / SHIPCTL_DEPLOY_TIMEOUT ignored: SetEnvKeyReplacer maps '-' and '.' to '_'",
         "all_of": ["env"], "any_of": ["SetEnvKeyReplacer", "replacer", "dash", "SHIPCTL_DRY_RUN", "underscore"], "files": ["cmd/root.go"]},
        {"kind": "DECISION", "summary": "Config precedence per key: flag > SHIPCTL_* env > config file > default (covered by TestRegionPrecedence)",
         "all_of": ["precedence"], "any_of": ["flag", "env", "config"], "files": ["cmd/root_test.go"]},
        {"kind": "TODO", "summary": "Document `shipctl completion zsh` in the README",
         "all_of": ["completion"], "any_of": ["readme", "document", "zsh", "docs"], "files": []},
    ],
    "dead_ends": [
        {"summary": "generating commands with cobra-cli (scrapped)", "all_of": ["cobra-cli"]},
        {"summary": "reading the API token from the OS keychain (assistant aside, not taken up)", "all_of": ["keychain"]},
    ],
    "secrets": ["sct_9f2c41e0b7d84a3e96c1f5a0d2b7e843"],
    "supersedes": [],
}

if __name__ == "__main__":
    write(session)
