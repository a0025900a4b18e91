from common import U, A, T, G, D, write

MAIN_ZIG = '''const std = @import("std");

pub fn main() !void {
    var gpa = std.heap.GeneralPurposeAllocator(.{}){};
    defer _ = gpa.deinit();
    const alloc = gpa.allocator();

    const args = try std.process.argsAlloc(alloc);
    defer std.process.argsFree(alloc, args);
    if (args.len < 2) {
        std.debug.print("usage: hexpeek <file> [--width N]\\n", .{});
        std.process.exit(2);
    }

    const file = try std.fs.cwd().openFile(args[1], .{});
    defer file.close();

    var buf: [16]u8 = undefined;
    var offset: usize = 0;
    const out = std.io.getStdOut().writer();
    while (true) {
        const n = try file.read(&buf);
        if (n == 0) break;
        try out.print("{x:0>8}  ", .{offset});
        for (buf[0..n]) |b| try out.print("{x} ", .{b});
        try out.print("\\n", .{});
        offset += n;
    }
}
'''

turns = [
    U("quick one. hexpeek output looks ragged, bytes below 0x10 print as one char. screenshot-ish:"),
    T("Bash", "zig build run -- testdata/small.bin", '''00000000  7f 45 4c 46 2 1 1 0 0 0 0 0 0 0 0 0 
00000010  3 0 3e 0 1 0 0 0 40 10 0 0 0 0 0 0 
00000020  40 0 0 0 0 0 0 0 '''),
    T("Read", "src/main.zig", MAIN_ZIG),
    A("The offset uses `{x:0>8}` (fill `0`, right-aligned, width 8) but the bytes use plain `{x}`, which has no width. Same spec with width 2 fixes it: `{x:0>2}`."),
    T("Edit", "src/main.zig", '''@@ -24,1 +24,1 @@
-        for (buf[0..n]) |b| try out.print("{x} ", .{b});
+        for (buf[0..n]) |b| try out.print("{x:0>2} ", .{b});'''),
    T("Bash", "zig build run -- testdata/small.bin", '''00000000  7f 45 4c 46 02 01 01 00 00 00 00 00 00 00 00 00 
00000010  03 00 3e 00 01 00 00 00 40 10 00 00 00 00 00 00 
00000020  40 00 00 00 00 00 00 00 '''),
    U("nice. tests still ok?"),
    T("Bash", "zig version && zig build test --summary all", '''0.13.0
Build Summary: 3/3 steps succeeded; 4/4 tests passed
test success
+- run test 4 passed 2ms MaxRSS:1M
   +- zig test Debug native success 1s MaxRSS:187M'''),
    A("All 4 tests pass."),
    U("hm, the last line has no ascii column like xxd. is that hard?"),
    A("Not hard - pad the hex part to 16 columns, then print each byte as itself if it's printable (`std.ascii.isPrint`) or `.` otherwise. Want me to add it, with a test against `xxd` output?"),
    U("nah, not today, just curious. thanks"),
    A("Sure. The padding fix is in the working tree, uncommitted."),
    U("I'll commit. bye"),
    T("Bash", "git add src/main.zig && git commit -m \"pad bytes to two hex digits\"", '''[main 1e07c3a] pad bytes to two hex digits
 1 file changed, 1 insertion(+), 1 deletion(-)'''),
    A("Committed as 1e07c3a."),
]

write({
    "id": "hexpeek_zig",
    "project": "hexpeek",
    "cwd_files": ["src/main.zig", "build.zig"],
    "turns": turns,
    "gold": [
        G("PROJECT", "hexpeek: small Zig 0.13 CLI hex dump tool",
          ["zig"], ["0.13", "hexpeek", "cli", "hex"]),
    ],
    "dead_ends": [
        D("ascii column like xxd (asked about, explicitly not now)", ["ascii"]),
    ],
    "secrets": [],
})
