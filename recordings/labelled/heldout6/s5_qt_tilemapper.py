from _common import U, A, T, G, D, write

LINK_FAIL = '''[1/6] Automatic MOC and UIC for target tilemapper
[2/6] Building CXX object CMakeFiles/tilemapper.dir/tilemapper_autogen/mocs_compilation.cpp.o
[3/6] Building CXX object CMakeFiles/tilemapper.dir/src/tilecanvas.cpp.o
[4/6] Building CXX object CMakeFiles/tilemapper.dir/src/mainwindow.cpp.o
[5/6] Building CXX object CMakeFiles/tilemapper.dir/src/main.cpp.o
[6/6] Linking CXX executable tilemapper
FAILED: tilemapper 
: && /usr/bin/c++ -g  CMakeFiles/tilemapper.dir/tilemapper_autogen/mocs_compilation.cpp.o CMakeFiles/tilemapper.dir/src/main.cpp.o CMakeFiles/tilemapper.dir/src/mainwindow.cpp.o CMakeFiles/tilemapper.dir/src/tilecanvas.cpp.o CMakeFiles/tilemapper.dir/src/tileitem.cpp.o CMakeFiles/tilemapper.dir/src/tileset.cpp.o CMakeFiles/tilemapper.dir/src/mapdocument.cpp.o -o tilemapper  -Wl,-rpath,/usr/lib/x86_64-linux-gnu  /usr/lib/x86_64-linux-gnu/libQt6Widgets.so.6.6.2  /usr/lib/x86_64-linux-gnu/libQt6Gui.so.6.6.2  /usr/lib/x86_64-linux-gnu/libQt6Core.so.6.6.2  /usr/lib/x86_64-linux-gnu/libGLX.so  /usr/lib/x86_64-linux-gnu/libOpenGL.so && :
/usr/bin/ld: CMakeFiles/tilemapper.dir/src/tilecanvas.cpp.o: in function `TileCanvas::TileCanvas(MapDocument*, QWidget*)':
/home/piotr/src/tilemapper/src/tilecanvas.cpp:18:(.text+0x4e): undefined reference to `vtable for TileCanvas'
/usr/bin/ld: /home/piotr/src/tilemapper/src/tilecanvas.cpp:18:(.text+0x5c): undefined reference to `vtable for TileCanvas'
/usr/bin/ld: CMakeFiles/tilemapper.dir/src/tilecanvas.cpp.o: in function `TileCanvas::~TileCanvas()':
/home/piotr/src/tilemapper/include/tilemapper/tilecanvas.h:14:(.text._ZN10TileCanvasD2Ev[_ZN10TileCanvasD5Ev]+0x13): undefined reference to `vtable for TileCanvas'
/usr/bin/ld: CMakeFiles/tilemapper.dir/src/tilecanvas.cpp.o: in function `TileCanvas::mouseMoveEvent(QMouseEvent*)':
/home/piotr/src/tilemapper/src/tilecanvas.cpp:64:(.text+0x3b1): undefined reference to `TileCanvas::tileHovered(QPoint)'
/usr/bin/ld: CMakeFiles/tilemapper.dir/src/mainwindow.cpp.o: in function `MainWindow::MainWindow(QWidget*)':
/home/piotr/src/tilemapper/src/mainwindow.cpp:41:(.text+0x6d2): undefined reference to `TileCanvas::staticMetaObject'
collect2: error: ld returned 1 exit status
ninja: build stopped: subcommand failed.'''

CMAKE_OLD = '''cmake_minimum_required(VERSION 3.21)
project(tilemapper VERSION 0.9.0 LANGUAGES CXX)

set(CMAKE_CXX_STANDARD 17)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_AUTOMOC ON)
set(CMAKE_AUTOUIC ON)
set(CMAKE_AUTORCC ON)

find_package(QT NAMES Qt6 Qt5 REQUIRED COMPONENTS Widgets)
find_package(Qt${QT_VERSION_MAJOR} REQUIRED COMPONENTS Widgets)

set(SOURCES
    src/main.cpp
    src/mainwindow.cpp
    src/mainwindow.ui
    src/tilecanvas.cpp
    src/tileitem.cpp
    src/tileset.cpp
    src/mapdocument.cpp
    resources/tilemapper.qrc
)

if(QT_VERSION_MAJOR EQUAL 6)
    qt_add_executable(tilemapper MANUAL_FINALIZATION ${SOURCES})
else()
    add_executable(tilemapper ${SOURCES})
endif()

target_include_directories(tilemapper PRIVATE include)
target_link_libraries(tilemapper PRIVATE Qt${QT_VERSION_MAJOR}::Widgets)

if(QT_VERSION_MAJOR EQUAL 6)
    qt_finalize_executable(tilemapper)
endif()'''

CMAKE_NEW = '''@@ -1,38 +1,32 @@
-cmake_minimum_required(VERSION 3.21)
+cmake_minimum_required(VERSION 3.21...3.28)
 project(tilemapper VERSION 0.9.0 LANGUAGES CXX)
 
 set(CMAKE_CXX_STANDARD 17)
 set(CMAKE_CXX_STANDARD_REQUIRED ON)
-set(CMAKE_AUTOMOC ON)
-set(CMAKE_AUTOUIC ON)
-set(CMAKE_AUTORCC ON)
 
-find_package(QT NAMES Qt6 Qt5 REQUIRED COMPONENTS Widgets)
-find_package(Qt${QT_VERSION_MAJOR} REQUIRED COMPONENTS Widgets)
+# Qt 6.5+ only (Qt 5 support dropped): qt_standard_project_setup turns on AUTOMOC/AUTOUIC
+find_package(Qt6 6.5 REQUIRED COMPONENTS Widgets)
+qt_standard_project_setup()
 
-set(SOURCES
+qt_add_executable(tilemapper
     src/main.cpp
     src/mainwindow.cpp
     src/mainwindow.ui
     src/tilecanvas.cpp
     src/tileitem.cpp
     src/tileset.cpp
     src/mapdocument.cpp
+    # headers with Q_OBJECT live in include/, AUTOMOC only sees them if they are listed
+    include/tilemapper/mainwindow.h
+    include/tilemapper/tilecanvas.h
+    include/tilemapper/tileitem.h
+    include/tilemapper/tileset.h
+    include/tilemapper/mapdocument.h
     resources/tilemapper.qrc
 )
 
-if(QT_VERSION_MAJOR EQUAL 6)
-    qt_add_executable(tilemapper MANUAL_FINALIZATION ${SOURCES})
-else()
-    add_executable(tilemapper ${SOURCES})
-endif()
-
 target_include_directories(tilemapper PRIVATE include)
-target_link_libraries(tilemapper PRIVATE Qt${QT_VERSION_MAJOR}::Widgets)
-
-if(QT_VERSION_MAJOR EQUAL 6)
-    qt_finalize_executable(tilemapper)
-endif()
+target_link_libraries(tilemapper PRIVATE Qt6::Widgets)'''

BUILD_OK = '''-- The CXX compiler identification is GNU 13.2.0
-- Detecting CXX compiler ABI info
-- Detecting CXX compiler ABI info - done
-- Check for working CXX compiler: /usr/bin/c++ - skipped
-- Detecting CXX compile features
-- Detecting CXX compile features - done
-- Performing Test CMAKE_HAVE_LIBC_PTHREAD
-- Performing Test CMAKE_HAVE_LIBC_PTHREAD - Success
-- Found Threads: TRUE
-- Performing Test HAVE_STDATOMIC
-- Performing Test HAVE_STDATOMIC - Success
-- Found WrapAtomic: TRUE
-- Found OpenGL: /usr/lib/x86_64-linux-gnu/libOpenGL.so
-- Found WrapOpenGL: TRUE
-- Found XKB: /usr/lib/x86_64-linux-gnu/libxkbcommon.so (found suitable version "1.6.0", minimum required is "0.5.0")
-- Found WrapVulkanHeaders: /usr/include
-- Configuring done (1.4s)
-- Generating done (0.0s)
-- Build files have been written to: /home/piotr/src/tilemapper/build/debug
[1/11] Automatic MOC and UIC for target tilemapper
[2/11] Automatic RCC for resources/tilemapper.qrc
[3/11] Building CXX object CMakeFiles/tilemapper.dir/tilemapper_autogen/mocs_compilation.cpp.o
[4/11] Building CXX object CMakeFiles/tilemapper.dir/build/debug/tilemapper_autogen/EWIEGA46WW/qrc_tilemapper.cpp.o
[5/11] Building CXX object CMakeFiles/tilemapper.dir/src/main.cpp.o
[6/11] Building CXX object CMakeFiles/tilemapper.dir/src/tileset.cpp.o
[7/11] Building CXX object CMakeFiles/tilemapper.dir/src/mapdocument.cpp.o
[8/11] Building CXX object CMakeFiles/tilemapper.dir/src/tileitem.cpp.o
[9/11] Building CXX object CMakeFiles/tilemapper.dir/src/tilecanvas.cpp.o
[10/11] Building CXX object CMakeFiles/tilemapper.dir/src/mainwindow.cpp.o
[11/11] Linking CXX executable tilemapper'''

GL_RUN = '''[1/4] Automatic MOC and UIC for target tilemapper
[2/4] Building CXX object CMakeFiles/tilemapper.dir/src/mainwindow.cpp.o
[3/4] Building CXX object CMakeFiles/tilemapper.dir/tilemapper_autogen/mocs_compilation.cpp.o
[4/4] Linking CXX executable tilemapper
qt.qpa.wayland: EGL not available
QOpenGLWidget: Failed to create context
QOpenGLWidget: Failed to create context
composeAndFlush: QOpenGLContext creation failed
composeAndFlush: makeCurrent() failed
composeAndFlush: makeCurrent() failed
composeAndFlush: makeCurrent() failed
pan benchmark: 200x200 map, 600 frames, avg 0.9 ms/frame (nothing drawn?)'''

turns = [
    U("""ok so. I added a signal to TileCanvas, tileHovered(QPoint), so the status bar can show the coordinates, and now it doesn't link anymore. hmm. vtable something. that usually means moc didn't run on the class, right? but AUTOMOC is on... I think? let me see... yes it's on in CMakeLists. so why. can you build it and look"""),
    T("Bash", "cmake --build build/debug", LINK_FAIL),
    A("""Yes, `undefined reference to vtable for TileCanvas` plus the missing `TileCanvas::tileHovered` and `staticMetaObject` is exactly the "moc never generated code for this class" signature. Let me look at the CMakeLists."""),
    T("Read", "CMakeLists.txt", CMAKE_OLD),
    T("Bash", "ls include/tilemapper src && grep -l Q_OBJECT include/tilemapper/*.h && grep -n 'moc_' src/*.cpp", '''include/tilemapper:
mainwindow.h  mapdocument.h  tilecanvas.h  tileitem.h  tileset.h

src:
main.cpp  mainwindow.cpp  mainwindow.ui  mapdocument.cpp  tilecanvas.cpp  tileitem.cpp  tileset.cpp
include/tilemapper/mainwindow.h
include/tilemapper/mapdocument.h
include/tilemapper/tilecanvas.h
src/mainwindow.cpp:212:#include "moc_mainwindow.cpp"
src/mapdocument.cpp:97:#include "moc_mapdocument.cpp"'''),
    A("""Found it. AUTOMOC is on, but AUTOMOC only scans files that are part of the target, plus a header with the **same base name in the same directory** as a listed `.cpp`. Your headers live in `include/tilemapper/`, the sources in `src/`, and no header is in `SOURCES`, so AUTOMOC never sees `tilecanvas.h`. `Q_OBJECT` was added to TileCanvas today, hence the vtable / `staticMetaObject` / signal errors. (`mainwindow.h` and `mapdocument.h` only work by accident: their `.cpp` files `#include "moc_*.cpp"` by hand, see the grep.)

Fix: list the headers in the target sources.

While I'm in this file: half of it is the `QT_VERSION_MAJOR` dance to keep Qt 5 building (`add_executable` vs `qt_add_executable`, manual finalization). If you don't need Qt 5 any more, requiring Qt 6.5 lets us use `qt_standard_project_setup()` and drop all the branches. Do you still need Qt 5?"""),
    U("""hmm. Qt5. who still builds it with Qt5... the Windows build uses 6.6 from the online installer, I'm on Debian testing with 6.6, Marta is on Fedora, 6.7 I think... Ubuntu 22.04 only has 6.2 but we ship the flatpak there anyway, the KDE runtime has 6.7. yeah. ok: we drop Qt5, and we require Qt 6.5 minimum. do it."""),
    T("Edit", "CMakeLists.txt", CMAKE_NEW),
    T("Edit", "src/mainwindow.cpp, src/mapdocument.cpp", '''--- a/src/mainwindow.cpp
+++ b/src/mainwindow.cpp
@@ -210,3 +210,1 @@
-
-#include "moc_mainwindow.cpp"
--- a/src/mapdocument.cpp
+++ b/src/mapdocument.cpp
@@ -95,3 +95,1 @@
-
-#include "moc_mapdocument.cpp"'''),
    T("Bash", "rm -rf build/debug && cmake -S . -B build/debug -G Ninja -DCMAKE_BUILD_TYPE=Debug && cmake --build build/debug", BUILD_OK),
    A("""Links now, and the status bar connection works. Removed the two hand-written `#include "moc_*.cpp"` as well, since with headers listed AUTOMOC would otherwise generate them twice."""),
    U("""nice, thanks. ok, next thing, the real one. panning on big maps is awful. the 200x200 test map, 40k tiles, it stutters like crazy. I was thinking... maybe an OpenGL viewport? people on the forum say QGraphicsView with a QOpenGLWidget viewport is way faster. hm, or is that old advice. let's just try it"""),
    A("""Let's measure first so we can compare. There's a `--bench-pan` flag in main.cpp that scripts 600 frames of panning."""),
    T("Bash", "./build/debug/tilemapper --bench-pan maps/test_200x200.tmx", '''pan benchmark: 200x200 map, 600 frames, avg 52.9 ms/frame (19 fps)'''),
    T("Edit", "src/mainwindow.cpp, CMakeLists.txt", '''--- a/CMakeLists.txt
+++ b/CMakeLists.txt
-find_package(Qt6 6.5 REQUIRED COMPONENTS Widgets)
+find_package(Qt6 6.5 REQUIRED COMPONENTS Widgets OpenGLWidgets)
-target_link_libraries(tilemapper PRIVATE Qt6::Widgets)
+target_link_libraries(tilemapper PRIVATE Qt6::Widgets Qt6::OpenGLWidgets)
--- a/src/mainwindow.cpp
+++ b/src/mainwindow.cpp
@@ -38,6 +38,8 @@ MainWindow::MainWindow(QWidget *parent)
     m_canvas = new TileCanvas(m_document, this);
+    m_canvas->setViewport(new QOpenGLWidget(m_canvas));
+    m_canvas->setViewportUpdateMode(QGraphicsView::FullViewportUpdate);'''),
    T("Bash", "cmake --build build/debug && ./build/debug/tilemapper --bench-pan maps/test_200x200.tmx", GL_RUN),
    U("""yeah the canvas is completely black. hm. hmm. "EGL not available"... I'm on wayland, sway. maybe with QT_QPA_PLATFORM=xcb?"""),
    T("Bash", "QT_QPA_PLATFORM=xcb ./build/debug/tilemapper --bench-pan maps/test_200x200.tmx", '''pan benchmark: 200x200 map, 600 frames, avg 47.1 ms/frame (21 fps)'''),
    U("""21 fps. so with xcb it draws, but it's basically not faster. and I'm not going to tell users to set env vars. no, revert the opengl thing."""),
    A("""Reverting both the viewport and the `OpenGLWidgets` component. The numbers say the bottleneck isn't the rasterizer anyway: with GL it's 47 ms vs 53 ms per frame, so most of the time is spent before pixels are pushed.

Looking at `TileItem::paint`, every tile on every frame does `painter->drawPixmap(target, m_tileset->pixmap(), sourceRect)`, i.e. a scaled sub-rect blit from a 2048x2048 atlas, and the view repaints all of them. Two cheap things:
- `setCacheMode(QGraphicsItem::DeviceCoordinateCache)` on each `TileItem`, so each tile is rendered once into a small cached pixmap at the current zoom, and panning just blits the cached pixmaps.
- `setOptimizationFlag(QGraphicsView::DontSavePainterState)` on the view, since `paint()` doesn't change painter state.

The bigger alternative would be moving the canvas to Qt Quick / QML with a scene-graph node for the tile layer, which scales much better but is a rewrite of the canvas and the tools."""),
    U("""QML no. not for this app, I'm not rewriting the UI for that. try the cache thing."""),
    T("Edit", "src/mainwindow.cpp, CMakeLists.txt", '''revert: OpenGL viewport + Qt6::OpenGLWidgets removed (back to the raster viewport)'''),
    T("Edit", "src/tileitem.cpp, src/tilecanvas.cpp", '''--- a/src/tileitem.cpp
+++ b/src/tileitem.cpp
@@ -9,6 +9,8 @@ TileItem::TileItem(const Tileset *tileset, int tileId, QGraphicsItem *parent)
     : QGraphicsItem(parent), m_tileset(tileset), m_tileId(tileId)
 {
+    // one cached pixmap per tile at the current zoom: panning blits, no atlas sub-rect scaling per frame
+    setCacheMode(QGraphicsItem::DeviceCoordinateCache);
 }
--- a/src/tilecanvas.cpp
+++ b/src/tilecanvas.cpp
@@ -16,10 +16,16 @@ TileCanvas::TileCanvas(MapDocument *doc, QWidget *parent)
     setScene(&m_scene);
+    setOptimizationFlag(QGraphicsView::DontSavePainterState);
+    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
+    m_hoverRect = new QGraphicsRectItem(0, 0, kTileSize, kTileSize);
+    m_hoverRect->setZValue(10);
+    m_scene.addItem(m_hoverRect);
 }
 
 TileCanvas::~TileCanvas()
 {
+    m_scene.removeItem(m_hoverRect);
+    delete m_hoverRect;
 }'''),
    U("""wait, no naked delete please. in my code everything is owned either by a Qt parent or by a unique_ptr, I don't want to see `delete` anywhere. the scene owns items anyway once you add them, no?"""),
    A("""Right: once `addItem()` is called the scene takes ownership and deletes the item in its destructor, so the manual `removeItem` + `delete` is redundant (and `m_scene` is a member, destroyed after the destructor body). Removing the destructor lines; `m_hoverRect` stays a non-owning pointer."""),
    T("Edit", "src/tilecanvas.cpp", '''@@ -24,6 +24,4 @@
 TileCanvas::~TileCanvas()
 {
-    m_scene.removeItem(m_hoverRect);
-    delete m_hoverRect;
 }'''),
    T("Bash", "cmake --build build/debug && ./build/debug/tilemapper --bench-pan maps/test_200x200.tmx && ./build/debug/tilemapper --bench-pan maps/test_200x200.tmx --zoom 2", '''[1/5] Automatic MOC and UIC for target tilemapper
[2/5] Building CXX object CMakeFiles/tilemapper.dir/src/tileitem.cpp.o
[3/5] Building CXX object CMakeFiles/tilemapper.dir/src/tilecanvas.cpp.o
[4/5] Building CXX object CMakeFiles/tilemapper.dir/src/mainwindow.cpp.o
[5/5] Linking CXX executable tilemapper
pan benchmark: 200x200 map, 600 frames, avg 16.4 ms/frame (61 fps)
pan benchmark: 200x200 map, 600 frames, zoom 2.0, avg 17.9 ms/frame (56 fps)'''),
    U("""oh. 61. from 19. ok that's... yeah that's it. good. hmm what else was on my list... translations! we need German and Polish at some point, qt_add_translations and all that, but not today, next week maybe. commit this"""),
    T("Bash", 'git add CMakeLists.txt src/ && git commit -m "Require Qt 6.5, list headers for AUTOMOC (fixes TileCanvas vtable), cache tile items for fast panning"', '''[main 2f9c4d1] Require Qt 6.5, list headers for AUTOMOC (fixes TileCanvas vtable), cache tile items for fast panning
 5 files changed, 27 insertions(+), 31 deletions(-)'''),
    A("""Committed on main. Still open for next week: German and Polish translations (`qt_add_translations` with `.ts` files, lupdate/lrelease in the build). One caveat on the cache: `DeviceCoordinateCache` re-renders tiles whenever the zoom changes, so zooming in and out on a 40k-tile map will hitch once per zoom step; if that bothers you we can add a zoom-level debounce."""),
]

session = {
    "id": "h6_qt_tilemapper",
    "project": "tilemapper",
    "cwd_files": ["CMakeLists.txt", "src/tilecanvas.cpp", "include/tilemapper/tilecanvas.h", "src/tileitem.cpp",
                  "src/mainwindow.cpp"],
    "turns": turns,
    "gold": [
        G("PROJECT", "tilemapper: C++17 Qt 6 Widgets tile-map editor (QGraphicsView), CMake + Ninja, flatpak on Linux",
          ["tilemapper"], ["qt", "cmake", "c++", "widgets", "qgraphicsview"]),
        G("BUG_FIX", "Undefined reference to vtable for TileCanvas: headers in include/ not in target sources so AUTOMOC skipped them; headers now listed in qt_add_executable",
          ["vtable"], ["automoc", "moc", "header", "q_object", "tilecanvas"], files=["CMakeLists.txt"]),
        G("DECISION", "Qt 5 support dropped; Qt 6.5 minimum with qt_standard_project_setup()",
          ["6.5"], ["qt5", "qt 5", "drop", "minimum", "qt_standard_project_setup", "require"], files=["CMakeLists.txt"]),
        G("FAILED", "QOpenGLWidget viewport for faster panning: black canvas on Wayland (EGL not available), barely faster on xcb; reverted",
          ["opengl"], ["black", "wayland", "egl", "revert", "not faster"], failure=True),
        G("PATTERN", "TileItem uses DeviceCoordinateCache (plus DontSavePainterState): panning 19 -> 61 fps on 200x200 map",
          ["cache"], ["devicecoordinatecache", "device coordinate", "setcachemode"], files=["src/tileitem.cpp"]),
        G("PREFERENCE", "No naked new/delete: objects owned by a Qt parent or std::unique_ptr",
          ["delete"], ["unique_ptr", "parent", "naked", "owned", "ownership"]),
        G("TODO", "Add German and Polish translations with qt_add_translations (next week)",
          ["translation"], ["german", "polish", "qt_add_translations", "lupdate", "i18n"]),
    ],
    "dead_ends": [
        D("Moving the canvas to Qt Quick / QML: rejected", ["qml"]),
    ],
    "secrets": [],
}

if __name__ == "__main__":
    write(session)
