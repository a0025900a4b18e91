from _h import *
import random

random.seed(14)

MODULES = [
    ("react-native-async-storage_async-storage", "com/reactnativecommunity/asyncstorage", ["AsyncStorageModule", "ReactDatabaseSupplier", "AsyncLocalStorageUtil"]),
    ("react-native-community_netinfo", "com/reactnativecommunity/netinfo", ["NetInfoModule", "ConnectivityReceiver", "NetworkCallbackConnectivityReceiver"]),
    ("react-native-gesture-handler", "com/swmansion/gesturehandler", ["RNGestureHandlerModule", "RNGestureHandlerRootView", "GestureHandlerOrchestrator"]),
    ("react-native-reanimated", "com/swmansion/reanimated", ["NativeProxy", "NodesManager", "ReanimatedModule"]),
    ("react-native-safe-area-context", "com/th3rdwave/safeareacontext", ["SafeAreaProviderManager", "SafeAreaViewManager"]),
    ("react-native-screens", "com/swmansion/rnscreens", ["ScreenStack", "ScreenFragment", "ScreenStackHeaderConfig"]),
    ("react-native-svg", "com/horcrux/svg", ["SvgView", "RenderableView", "ImageView"]),
    ("react-native-vector-icons", "com/oblador/vectoricons", ["VectorIconsModule"]),
    ("react-native-camera-kit", "com/rncamerakit", ["CKCamera", "CKCameraManager", "QRCodeAnalyzer"]),
    ("react-native-thermal-receipt-printer", "com/pinmi/react/printer", ["RNUSBPrinterModule", "RNBLEPrinterModule", "adapter/USBPrinterAdapter", "adapter/BLEPrinterAdapter"]),
    ("react-native-device-info", "com/learnium/RNDeviceInfo", ["RNDeviceModule", "RNInstallReferrerClient"]),
    ("react-native-fs", "com/rnfs", ["RNFSManager", "Downloader", "Uploader"]),
    ("react-native-share", "cl/json", ["RNShareModule", "ShareFiles"]),
    ("react-native-splash-screen", "org/devio/rn/splashscreen", ["SplashScreenModule"]),
    ("react-native-localize", "com/zoontek/rnlocalize", ["RNLocalizeModule"]),
    ("react-native-sentry", "io/sentry/react", ["RNSentryModule", "RNSentryBreadcrumb"]),
]

TASKS = ["preBuild", "preReleaseBuild", "writeReleaseAarMetadata", "generateReleaseResValues", "generateReleaseResources",
         "packageReleaseResources", "processReleaseManifest", "generateReleaseBuildConfig", "javaPreCompileRelease",
         "parseReleaseLocalResources", "generateReleaseRFile", "compileReleaseJavaWithJavac", "bundleLibCompileToJarRelease",
         "extractDeepLinksRelease", "compileReleaseLibraryResources", "prepareReleaseArtProfile", "copyReleaseJniLibsProjectOnly",
         "bundleLibRuntimeToJarRelease", "extractReleaseAnnotations", "mergeReleaseGeneratedProguardFiles",
         "mergeReleaseConsumerProguardFiles", "mergeReleaseShaders", "compileReleaseShaders", "generateReleaseAssets",
         "packageReleaseAssets", "prepareLintJarForPublish", "mergeReleaseJniLibFolders", "mergeReleaseNativeLibs",
         "stripReleaseDebugSymbols", "copyReleaseJniLibsProjectAndLocalJars", "createFullJarRelease",
         "writeReleaseLintModelMetadata", "syncReleaseLibJars", "bundleReleaseLocalLintAar"]


def gradle_log():
    out = []
    out.append("Starting a Gradle Daemon (subsequent builds will be faster)")
    out.append("")
    out.append("> Configure project :app")
    out.append("Reading env from: .env.production")
    out.append("")
    out.append("> Configure project :react-native-reanimated")
    out.append("Android gradle plugin: 7.4.2")
    out.append("Gradle: 8.0.1")
    out.append("")
    out.append("> Configure project :react-native-sentry")
    out.append("WARNING:The option setting 'android.disableAutomaticComponentCreation=true' is deprecated.")
    out.append("")
    for mod, pkg, classes in MODULES:
        for t in TASKS:
            status = random.choice(["", "", "", " UP-TO-DATE", " NO-SOURCE"]) if t not in ("compileReleaseJavaWithJavac",) else ""
            out.append(f"> Task :{mod}:{t}{status}")
            if t == "compileReleaseJavaWithJavac":
                for c in classes:
                    if random.random() < 0.7:
                        line = random.randint(40, 380)
                        meth = random.choice(["getCurrentActivity()", "AsyncTask", "getReactApplicationContext()",
                                              "onCatalystInstanceDestroy()", "Handler()", "getColor(int)"])
                        out.append(f"/home/dimas/kasir-mobile/node_modules/{('@' + mod.replace('_', '/', 1)) if '_' in mod else mod}/android/src/main/java/{pkg}/{c}.java:{line}: warning: [deprecation] {meth} in {random.choice(['ReactContext', 'AsyncTask', 'Handler', 'Resources', 'NativeModule'])} has been deprecated")
                out.append("Note: Some input files use or override a deprecated API.")
                out.append("Note: Recompile with -Xlint:deprecation for details.")
                if random.random() < 0.5:
                    out.append("Note: Some input files use unchecked or unsafe operations.")
                    out.append("Note: Recompile with -Xlint:unchecked for details.")
    out.append("")
    out.append("> Task :app:createBundleReleaseJsAndAssets")
    out.append("warning: the transform cache was reset.")
    out.append("                Welcome to Metro v0.76.8")
    out.append("              Fast - Scalable - Integrated")
    out.append("")
    out.append("info Writing bundle output to:, /home/dimas/kasir-mobile/android/app/build/generated/assets/createBundleReleaseJsAndAssets/index.android.bundle")
    out.append("info Writing sourcemap output to:, /home/dimas/kasir-mobile/android/app/build/intermediates/sourcemaps/react/release/index.android.bundle.packager.map")
    out.append("info Done writing bundle output")
    out.append("info Done writing sourcemap output")
    out.append("info Copying 143 asset files")
    out.append("info Done copying assets")
    out.append("")
    out.append("> Task :app:compileReleaseJavaWithJavac")
    out.append("Note: /home/dimas/kasir-mobile/android/app/build/generated/rncli/src/main/java/com/facebook/react/PackageList.java uses or overrides a deprecated API.")
    out.append("Note: Recompile with -Xlint:deprecation for details.")
    app_tasks = ["generateReleaseBuildConfig", "mergeReleaseResources", "processReleaseMainManifest", "processReleaseManifest",
                 "processReleaseManifestForPackage", "processReleaseResources", "compileReleaseKotlin NO-SOURCE",
                 "mergeReleaseAssets", "compressReleaseAssets", "checkReleaseDuplicateClasses", "desugarReleaseFileDependencies",
                 "mergeExtDexRelease", "mergeReleaseJniLibFolders", "mergeReleaseNativeLibs", "stripReleaseDebugSymbols",
                 "extractReleaseNativeSymbolTables", "mergeReleaseNativeDebugMetadata NO-SOURCE", "mergeReleaseArtProfile",
                 "minifyReleaseWithR8"]
    for t in app_tasks:
        out.append(f"> Task :app:{t}")
        if t == "minifyReleaseWithR8":
            out.append("R8: Missing class com.google.android.play.core.splitcompat.SplitCompatApplication (referenced from: void io.sentry.android.core.SentryInitProvider.attachInfo(android.content.Context, android.content.pm.ProviderInfo))")
            for i in range(14):
                cls = random.choice(["javax.annotation.Nullable", "org.conscrypt.Conscrypt", "org.bouncycastle.jsse.BCSSLSocket",
                                     "org.openjsse.javax.net.ssl.SSLParameters", "com.facebook.infer.annotation.Nullsafe"])
                out.append(f"Warning: R8: Missing class {cls} (referenced from: {random.choice(['okhttp3.internal.platform.ConscryptPlatform', 'okhttp3.internal.platform.BouncyCastlePlatform', 'com.facebook.react.bridge.ReadableNativeMap', 'okhttp3.internal.platform.OpenJSSEPlatform'])}.{random.choice(['newSSLContext', 'configureTlsExtensions', 'getAlpnSelectedProtocol', '<init>'])}(...))")
    out.append("> Task :app:compileReleaseArtProfile")
    out.append("> Task :app:optimizeReleaseResources")
    out.append("> Task :app:packageRelease")
    out.append("> Task :app:createReleaseApkListingFileRedirect")
    out.append("> Task :app:lintVitalAnalyzeRelease")
    out.append("> Task :app:lintVitalReportRelease SKIPPED")
    out.append("> Task :app:lintVitalRelease SKIPPED")
    out.append("> Task :app:assembleRelease")
    out.append("")
    out.append("Deprecated Gradle features were used in this build, making it incompatible with Gradle 9.0.")
    out.append("")
    out.append("You can use '--warning-mode all' to show the individual deprecation warnings and determine if they come from your own scripts or plugins.")
    out.append("")
    out.append("See https://docs.gradle.org/8.0.1/userguide/command_line_interface.html#sec:command_line_warnings")
    out.append("")
    out.append("BUILD SUCCESSFUL in 6m 41s")
    out.append("1143 actionable tasks: 1143 executed")
    return "\n".join(out)


def logcat_noise(n, pid):
    tags = [("I", "ActivityManager", "Start proc {pid}:id.tokoku.kasir/u0a312 for pre-top-activity {{id.tokoku.kasir/id.tokoku.kasir.MainActivity}}"),
            ("D", "SoLoader", "init start"), ("D", "SoLoader", "adding system library source: /vendor/lib64"),
            ("I", "ReactNativeJNI", "Hermes runtime initialized"), ("W", "unknown:ReactNative", "Attempted to load 'RNSentry' but it was not found"),
            ("I", "ReactNativeJS", "Running \"kasir\" with {{\"rootTag\":1}}"), ("D", "NetworkSecurityConfig", "No Network Security Config specified, using platform default"),
            ("W", "id.tokoku.kasir", "Accessing hidden method Landroid/view/View;->computeFitSystemWindows(Landroid/graphics/Rect;Landroid/graphics/Rect;)Z (greylist, reflection, allowed)"),
            ("I", "ReactNativeJS", "[api] GET /v1/products?page={p} 200 in {ms}ms"), ("D", "OpenGLRenderer", "HWUI GL Pipeline"),
            ("I", "chatty", "uid=10312(id.tokoku.kasir) RenderThread identical 4 lines"), ("D", "ViewRootImpl@a1f03c2[MainActivity]", "MSG_WINDOW_FOCUS_CHANGED 1 1"),
            ("I", "ReactNativeJS", "[nav] -> ProductList"), ("D", "InputMethodManager", "startInputInner - Id : 0")]
    out = []
    sec = 12.400
    for i in range(n):
        lvl, tag, msg = random.choice(tags)
        sec += random.uniform(0.001, 0.09)
        tid = random.choice([pid, pid + 31, pid + 32, pid + 40])
        out.append(f"11-25 14:21:{sec:06.3f} {pid:5d} {tid:5d} {lvl} {tag}: " + msg.format(pid=pid, p=random.randint(1, 30), ms=random.randint(80, 900)))
    return out


def logcat_crash():
    pid = 21877
    out = ["--------- beginning of main"] + logcat_noise(60, pid)
    out += [
        "11-25 14:21:19.882 21877 21877 I ReactNativeJS: [nav] -> Cart",
        "11-25 14:21:19.917 21877 21909 E AndroidRuntime: FATAL EXCEPTION: mqt_native_modules",
        "11-25 14:21:19.917 21877 21909 E AndroidRuntime: Process: id.tokoku.kasir, PID: 21877",
        "11-25 14:21:19.917 21877 21909 E AndroidRuntime: java.lang.RuntimeException: Could not invoke RNUSBPrinter.init",
        "11-25 14:21:19.917 21877 21909 E AndroidRuntime: \tat com.facebook.react.bridge.JavaMethodWrapper.invoke(JavaMethodWrapper.java:383)",
        "11-25 14:21:19.917 21877 21909 E AndroidRuntime: \tat com.facebook.react.bridge.JavaModuleWrapper.invoke(JavaModuleWrapper.java:146)",
        "11-25 14:21:19.917 21877 21909 E AndroidRuntime: \tat com.facebook.jni.NativeRunnable.run(Native Method)",
        "11-25 14:21:19.917 21877 21909 E AndroidRuntime: \tat android.os.Handler.handleCallback(Handler.java:938)",
        "11-25 14:21:19.917 21877 21909 E AndroidRuntime: \tat android.os.Handler.dispatchMessage(Handler.java:99)",
        "11-25 14:21:19.917 21877 21909 E AndroidRuntime: \tat com.facebook.react.bridge.queue.MessageQueueThreadHandler.dispatchMessage(MessageQueueThreadHandler.java:27)",
        "11-25 14:21:19.917 21877 21909 E AndroidRuntime: \tat android.os.Looper.loop(Looper.java:246)",
        "11-25 14:21:19.917 21877 21909 E AndroidRuntime: \tat com.facebook.react.bridge.queue.MessageQueueThreadImpl$4.run(MessageQueueThreadImpl.java:228)",
        "11-25 14:21:19.917 21877 21909 E AndroidRuntime: \tat java.lang.Thread.run(Thread.java:923)",
        "11-25 14:21:19.917 21877 21909 E AndroidRuntime: Caused by: java.lang.reflect.InvocationTargetException",
        "11-25 14:21:19.917 21877 21909 E AndroidRuntime: \tat java.lang.reflect.Method.invoke(Native Method)",
        "11-25 14:21:19.917 21877 21909 E AndroidRuntime: \tat com.facebook.react.bridge.JavaMethodWrapper.invoke(JavaMethodWrapper.java:372)",
        "11-25 14:21:19.917 21877 21909 E AndroidRuntime: \t... 8 more",
        "11-25 14:21:19.917 21877 21909 E AndroidRuntime: Caused by: java.lang.ClassNotFoundException: com.pinmi.react.printer.adapter.USBPrinterAdapter",
        "11-25 14:21:19.917 21877 21909 E AndroidRuntime: \tat java.lang.Class.classForName(Native Method)",
        "11-25 14:21:19.917 21877 21909 E AndroidRuntime: \tat java.lang.Class.forName(Class.java:454)",
        "11-25 14:21:19.917 21877 21909 E AndroidRuntime: \tat java.lang.Class.forName(Class.java:379)",
        "11-25 14:21:19.917 21877 21909 E AndroidRuntime: \tat com.pinmi.react.printer.a.a(Unknown Source:12)",
        "11-25 14:21:19.917 21877 21909 E AndroidRuntime: \tat com.pinmi.react.printer.RNUSBPrinterModule.init(Unknown Source:4)",
        "11-25 14:21:19.917 21877 21909 E AndroidRuntime: \t... 10 more",
        "11-25 14:21:19.931 21877 21909 I Process : Sending signal. PID: 21877 SIG: 9",
        "11-25 14:21:19.960  1103  1290 I ActivityManager: Process id.tokoku.kasir (pid 21877) has died: fg  TOP ",
        "11-25 14:21:19.961  1103  1290 W ActivityManager: Force removing ActivityRecord{8e21a7d u0 id.tokoku.kasir/.MainActivity t4411}: app died, no saved state",
    ]
    return "\n".join(out)


PACKAGE_JSON = '''{
  "name": "kasir-mobile",
  "version": "2.4.0",
  "private": true,
  "scripts": {
    "android": "react-native run-android",
    "ios": "react-native run-ios",
    "lint": "eslint .",
    "start": "react-native start",
    "test": "jest",
    "tsc": "tsc --noEmit"
  },
  "dependencies": {
    "@react-native-async-storage/async-storage": "^1.19.3",
    "@react-native-community/netinfo": "^9.4.1",
    "@react-navigation/native": "^6.1.9",
    "@react-navigation/native-stack": "^6.9.17",
    "@reduxjs/toolkit": "^1.9.7",
    "@sentry/react-native": "^5.10.0",
    "axios": "^1.5.1",
    "dayjs": "^1.11.10",
    "react": "18.2.0",
    "react-native": "0.72.7",
    "react-native-camera-kit": "^13.0.0",
    "react-native-device-info": "^10.11.0",
    "react-native-fs": "^2.20.0",
    "react-native-gesture-handler": "^2.13.4",
    "react-native-localize": "^3.0.2",
    "react-native-reanimated": "^3.5.4",
    "react-native-safe-area-context": "^4.7.4",
    "react-native-screens": "^3.27.0",
    "react-native-share": "^9.4.1",
    "react-native-splash-screen": "^3.3.0",
    "react-native-svg": "^13.14.0",
    "react-native-thermal-receipt-printer": "^1.2.0-rc.2",
    "react-native-vector-icons": "^10.0.0",
    "react-redux": "^8.1.3"
  },
  "devDependencies": {
    "@babel/core": "^7.20.0",
    "@react-native/eslint-config": "^0.72.2",
    "@react-native/metro-config": "^0.72.11",
    "@testing-library/react-native": "^12.3.2",
    "@tsconfig/react-native": "^3.0.0",
    "@types/react": "^18.0.24",
    "jest": "^29.2.1",
    "typescript": "4.8.4"
  }
}
'''

GRADLE_PROPS = '''# Project-wide Gradle settings.
org.gradle.jvmargs=-Xmx2048m -XX:MaxMetaspaceSize=512m
android.useAndroidX=true
android.enableJetifier=true
reactNativeArchitectures=armeabi-v7a,arm64-v8a,x86,x86_64
newArchEnabled=false
hermesEnabled=true

MYAPP_UPLOAD_STORE_FILE=kasir-upload.keystore
MYAPP_UPLOAD_KEY_ALIAS=kasir-upload
MYAPP_UPLOAD_STORE_PASSWORD=Kasir#2024!upload
MYAPP_UPLOAD_KEY_PASSWORD=Kasir#2024!upload
'''

APP_GRADLE = '''apply plugin: "com.android.application"
apply plugin: "com.facebook.react"

react {
    /* defaults */
}

def enableProguardInReleaseBuilds = true
def jscFlavor = 'org.webkit:android-jsc:+'

android {
    ndkVersion rootProject.ext.ndkVersion
    compileSdkVersion rootProject.ext.compileSdkVersion
    namespace "id.tokoku.kasir"

    defaultConfig {
        applicationId "id.tokoku.kasir"
        minSdkVersion rootProject.ext.minSdkVersion
        targetSdkVersion rootProject.ext.targetSdkVersion
        versionCode 57
        versionName "2.4.0"
    }
    signingConfigs {
        release {
            storeFile file(MYAPP_UPLOAD_STORE_FILE)
            storePassword MYAPP_UPLOAD_STORE_PASSWORD
            keyAlias MYAPP_UPLOAD_KEY_ALIAS
            keyPassword MYAPP_UPLOAD_KEY_PASSWORD
        }
    }
    buildTypes {
        debug {
            signingConfig signingConfigs.debug
        }
        release {
            signingConfig signingConfigs.release
            minifyEnabled enableProguardInReleaseBuilds
            proguardFiles getDefaultProguardFile("proguard-android.txt"), "proguard-rules.pro"
        }
    }
}

dependencies {
    implementation("com.facebook.react:react-android")
    if (hermesEnabled.toBoolean()) {
        implementation("com.facebook.react:hermes-android")
    } else {
        implementation jscFlavor
    }
}

apply from: file("../../node_modules/@react-native-community/cli-platform-android/native_modules.gradle"); applyNativeModulesAppBuildGradle(project)
'''

STORE_TS = '''import { configureStore } from '@reduxjs/toolkit';
import productsReducer from './productsSlice';
import cartReducer from './cartSlice';
import authReducer from './authSlice';

export const store = configureStore({
  reducer: {
    products: productsReducer,
    cart: cartReducer,
    auth: authReducer,
  },
});

export type RootState = ReturnType<typeof store.getState>;
export type AppDispatch = typeof store.dispatch;
'''

CART_TS = '''import { createSlice, PayloadAction } from '@reduxjs/toolkit';
import type { Product } from './productsSlice';

export type CartItem = {
  sku: string;
  name: string;
  price: number; // rupiah
  qty: number;
  addedAt: Date;
};

type CartState = { items: CartItem[]; customerId: string | null };

const initialState: CartState = { items: [], customerId: null };

const cartSlice = createSlice({
  name: 'cart',
  initialState,
  reducers: {
    addItem(state, action: PayloadAction<Product>) {
      const p = action.payload;
      const existing = state.items.find(i => i.sku === p.sku);
      if (existing) {
        existing.qty += 1;
      } else {
        state.items.push({ sku: p.sku, name: p.name, price: p.price, qty: 1, addedAt: new Date() });
      }
    },
    removeItem(state, action: PayloadAction<string>) {
      state.items = state.items.filter(i => i.sku !== action.payload);
    },
    setQty(state, action: PayloadAction<{ sku: string; qty: number }>) {
      const item = state.items.find(i => i.sku === action.payload.sku);
      if (item) item.qty = action.payload.qty;
    },
    clearCart() {
      return initialState;
    },
  },
});

export const { addItem, removeItem, setQty, clearCart } = cartSlice.actions;
export default cartSlice.reducer;
'''

MMKV3_FAIL = '''> Configure project :react-native-mmkv
[react-native-mmkv] Detected react-native 0.72.7
[react-native-mmkv] newArchEnabled: false

FAILURE: Build failed with an exception.

* Where:
Build file '/home/dimas/kasir-mobile/node_modules/react-native-mmkv/android/build.gradle' line: 48

* What went wrong:
A problem occurred evaluating project ':react-native-mmkv'.
> react-native-mmkv 3.x requires the new architecture (TurboModules) and react-native >= 0.74. Enable newArchEnabled=true in gradle.properties, or use react-native-mmkv 2.x for the old architecture.

* Try:
> Run with --stacktrace option to get the stack trace.
> Run with --info or --debug option to get more log output.
> Run with --scan to get full insights.
> Get more help at https://help.gradle.org.

BUILD FAILED in 14s
'''

turns = [
 U("hello, i have problem with kasir-mobile app. the app is crash when i open Cart screen but only in release build "
   "android, in debug is work fine. i test on my Samsung A12 (i always test on real device not emulator, because our "
   "customer use cheap phone like this). can you help pls"),
 A("Sure. A crash that only happens in release usually means something that differs between the two builds: "
   "minification (R8/ProGuard), Hermes bytecode, or env config. Let me look at the project and reproduce it."),
 Read("package.json", PACKAGE_JSON),
 Bash("cd android && ./gradlew assembleRelease --console=plain", gradle_log()),
 Bash("adb -s R58R41XKQ2D install -r android/app/build/outputs/apk/release/app-release.apk && adb -s R58R41XKQ2D logcat -c && "
      "echo 'open Cart now...' && sleep 25 && adb -s R58R41XKQ2D logcat -d", "Performing Streamed Install\nSuccess\nopen Cart now...\n" + logcat_crash()),
 A("Reproduced on the A12. The important part of the log is at the bottom:\n\n"
   "`ClassNotFoundException: com.pinmi.react.printer.adapter.USBPrinterAdapter`, thrown from `Class.forName` inside "
   "`RNUSBPrinterModule.init`, which the Cart screen calls on mount to check whether a USB printer is attached.\n\n"
   "What happens: your release build has `minifyEnabled` on, so R8 shrinks and renames classes. The thermal printer "
   "library loads its adapter class by name with reflection, and it ships no consumer ProGuard rules, so R8 sees no "
   "direct reference to `USBPrinterAdapter`, renames it (you can see the obfuscated `com.pinmi.react.printer.a.a` in the "
   "stack) and the string lookup fails. Debug builds don't run R8, which is why it only crashes in release. Let me "
   "confirm the build config."),
 Read("android/app/build.gradle", APP_GRADLE),
 Read("android/gradle.properties", GRADLE_PROPS),
 A("Confirmed: `enableProguardInReleaseBuilds = true`. The fix is a keep rule for the printer package in "
   "`android/app/proguard-rules.pro`.\n\nUnrelated, but important: `android/gradle.properties` contains the upload "
   "keystore passwords in clear text. Is this file committed to git? If yes, I'd move `MYAPP_UPLOAD_STORE_PASSWORD` "
   "and `MYAPP_UPLOAD_KEY_PASSWORD` to `~/.gradle/gradle.properties` on the build machine (Gradle reads both) and "
   "rotate them."),
 Edit("android/app/proguard-rules.pro", '''@@ -8,3 +8,8 @@
 # Add any project specific keep options here:
+
+# react-native-thermal-receipt-printer loads its adapters with Class.forName()
+# and ships no consumer rules -> R8 renamed them and the Cart screen crashed in release.
+-keep class com.pinmi.react.printer.** { *; }
+-dontwarn com.pinmi.react.printer.**'''),
 Bash("cd android && ./gradlew assembleRelease --console=plain -q 2>&1 | tail -5; cd .. && adb -s R58R41XKQ2D install -r "
      "android/app/build/outputs/apk/release/app-release.apk && adb -s R58R41XKQ2D logcat -c && sleep 25 && "
      "adb -s R58R41XKQ2D logcat -d | grep -E 'AndroidRuntime|ReactNativeJS'", '''Note: Some input files use or override a deprecated API.
Note: Recompile with -Xlint:deprecation for details.
Performing Streamed Install
Success
11-25 14:38:02.114 23410 23462 I ReactNativeJS: Running "kasir" with {"rootTag":1}
11-25 14:38:04.905 23410 23462 I ReactNativeJS: [api] GET /v1/products?page=1 200 in 412ms
11-25 14:38:11.377 23410 23462 I ReactNativeJS: [nav] -> Cart
11-25 14:38:11.402 23410 23462 I ReactNativeJS: [printer] USB printer: none attached
11-25 14:38:15.820 23410 23462 I ReactNativeJS: [nav] -> Checkout
'''),
 U("it work now!! thank you very much. next problem: after the app is closed the cart is empty again. the cashier is "
   "angry because when android kill the app (cheap phone, low memory) they lose all the items and must scan again. "
   "before i tried redux-persist with AsyncStorage but the app take 4 second to start with 3000 product in the store, "
   "so i remove it. what is better way?"),
 Read("src/store/index.ts", STORE_TS),
 Read("src/store/cartSlice.ts", CART_TS),
 A("With 3000 products the slow part was almost certainly that redux-persist serialised and rehydrated the whole "
   "store (products included) through AsyncStorage, which is asynchronous and goes over the bridge. Options:\n\n"
   "1. **redux-persist with an MMKV storage adapter** and `whitelist: ['cart']` — keeps the redux-persist API, but "
   "you still get the `PersistGate`/rehydrate dance and another dependency.\n"
   "2. **A small `createListenerMiddleware`** that writes only the cart slice to `react-native-mmkv` (synchronous, JSI) "
   "whenever a cart action runs, and reads it back synchronously as `preloadedState` in `configureStore`. No gate, no "
   "flash of empty cart.\n"
   "3. **WatermelonDB** (SQLite, lazy loading) for products and cart — the heavy option, only worth it if the product "
   "catalogue must also be offline.\n\n"
   "I'd pick 2. One more thing: `addedAt: new Date()` in `CartItem` puts a `Date` in the Redux state. It's not "
   "serialisable — RTK's dev check already warns about it (`A non-serializable value was detected in the state, in the "
   "path: cart.items.0.addedAt`) — and after a JSON round-trip it would come back as a string anyway. Should I change "
   "it to an ISO string or to epoch milliseconds?"),
 U("second one. only the cart need to persist, products we load from api anyway. and for the date use number (epoch "
   "ms), more easy for compare and sort"),
 Bash("yarn add react-native-mmkv", '''yarn add v1.22.19
[1/4] Resolving packages...
[2/4] Fetching packages...
[3/4] Linking dependencies...
warning " > react-native-mmkv@3.1.0" has unmet peer dependency "react-native@>=0.74.0".
[4/4] Building fresh packages...
success Saved lockfile.
success Saved 1 new dependency.
info Direct dependencies
└─ react-native-mmkv@3.1.0
info All dependencies
└─ react-native-mmkv@3.1.0
Done in 9.84s.
'''),
 Bash("cd android && ./gradlew assembleRelease --console=plain", MMKV3_FAIL),
 A("That's my mistake: the latest react-native-mmkv (3.x) only supports the New Architecture and RN >= 0.74, and this "
   "app is on RN 0.72 with `newArchEnabled=false` (the yarn peer warning said it too). Turning on the New Architecture "
   "on 0.72 is experimental and the printer and camera libraries are old-architecture modules, so that's not a "
   "reasonable trade for a cart cache. Reverting to the 2.x line, which uses JSI on the old architecture."),
 Bash("yarn remove react-native-mmkv && yarn add react-native-mmkv@2.12.2", '''yarn remove v1.22.19
[1/2] Removing module react-native-mmkv...
[2/2] Regenerating lockfile and installing missing dependencies...
success Uninstalled packages.
Done in 6.02s.
yarn add v1.22.19
[1/4] Resolving packages...
[2/4] Fetching packages...
[3/4] Linking dependencies...
[4/4] Building fresh packages...
success Saved lockfile.
success Saved 1 new dependency.
info Direct dependencies
└─ react-native-mmkv@2.12.2
info All dependencies
└─ react-native-mmkv@2.12.2
Done in 8.71s.
'''),
 Write("src/store/persistCart.ts", '''import { createListenerMiddleware, isAnyOf } from '@reduxjs/toolkit';
import { MMKV } from 'react-native-mmkv';
import { addItem, removeItem, setQty, clearCart } from './cartSlice';
import type { CartState } from './cartSlice';

const storage = new MMKV({ id: 'cart' });
const KEY = 'cart.v1';

export function loadCart(): CartState | undefined {
  const raw = storage.getString(KEY);
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as CartState;
  } catch {
    storage.delete(KEY);
    return undefined;
  }
}

export const cartPersistence = createListenerMiddleware();

cartPersistence.startListening({
  matcher: isAnyOf(addItem, removeItem, setQty, clearCart),
  effect: (_action, api) => {
    const { cart } = api.getState() as { cart: CartState };
    storage.set(KEY, JSON.stringify(cart));
  },
});
'''),
 Edit("src/store/index.ts", '''@@ -1,16 +1,24 @@
 import { configureStore } from '@reduxjs/toolkit';
 import productsReducer from './productsSlice';
 import cartReducer from './cartSlice';
 import authReducer from './authSlice';
+import { cartPersistence, loadCart } from './persistCart';
+
+const t0 = Date.now();
+const savedCart = loadCart();
+console.log(`[persistCart] restored ${savedCart?.items.length ?? 0} items in ${Date.now() - t0}ms`);
 
 export const store = configureStore({
   reducer: {
     products: productsReducer,
     cart: cartReducer,
     auth: authReducer,
   },
+  preloadedState: savedCart ? { cart: savedCart } : undefined,
+  middleware: getDefault => getDefault().prepend(cartPersistence.middleware),
 });'''),
 Edit("src/store/cartSlice.ts", '''@@ -7,10 +7,10 @@
   price: number; // rupiah
   qty: number;
-  addedAt: Date;
+  addedAt: number; // epoch ms, keep Redux state serialisable
 };
 
-type CartState = { items: CartItem[]; customerId: string | null };
+export type CartState = { items: CartItem[]; customerId: string | null };
@@ -24,7 +24,7 @@
-        state.items.push({ sku: p.sku, name: p.name, price: p.price, qty: 1, addedAt: new Date() });
+        state.items.push({ sku: p.sku, name: p.name, price: p.price, qty: 1, addedAt: Date.now() });'''),
 Bash("yarn tsc", '''yarn run v1.22.19
$ tsc --noEmit
src/screens/CartScreen.tsx:58:42 - error TS2339: Property 'toLocaleTimeString' does not exist on type 'number'.

58           <Text style={styles.time}>{item.addedAt.toLocaleTimeString('id-ID')}</Text>
                                            ~~~~~~~~~~~~~~~~~~

src/utils/receipt.ts:21:33 - error TS2339: Property 'getTime' does not exist on type 'number'.

21   const first = Math.min(...items.map(i => i.addedAt.getTime()));
                                   ~~~~~~~

Found 2 errors in 2 files.

Errors  Files
     1  src/screens/CartScreen.tsx:58
     1  src/utils/receipt.ts:21
error Command failed with exit code 2.
'''),
 Edit("src/screens/CartScreen.tsx", '''@@ -58 +58 @@
-          <Text style={styles.time}>{item.addedAt.toLocaleTimeString('id-ID')}</Text>
+          <Text style={styles.time}>{dayjs(item.addedAt).format('HH:mm')}</Text>'''),
 Edit("src/utils/receipt.ts", '''@@ -21 +21 @@
-  const first = Math.min(...items.map(i => i.addedAt.getTime()));
+  const first = Math.min(...items.map(i => i.addedAt));'''),
 Bash("yarn tsc && yarn jest src/store", '''yarn run v1.22.19
$ tsc --noEmit
Done in 11.37s.
yarn run v1.22.19
$ jest src/store
 PASS  src/store/__tests__/productsSlice.test.ts
 PASS  src/store/__tests__/cartSlice.test.ts
  cartSlice
    ✓ adds a new item with qty 1 (3 ms)
    ✓ increments qty for an existing sku (1 ms)
    ✓ removes an item
    ✓ clearCart resets state (1 ms)

Test Suites: 2 passed, 2 total
Tests:       9 passed, 9 total
Snapshots:   0 total
Time:        2.114 s
Ran all test suites matching /src\\/store/i.
Done in 3.02s.
'''),
 Bash("cd android && ./gradlew assembleRelease --console=plain -q 2>&1 | tail -3; cd .. && adb -s R58R41XKQ2D install -r "
      "android/app/build/outputs/apk/release/app-release.apk && echo 'add 3 items, then:' && sleep 40 && "
      "adb -s R58R41XKQ2D shell am force-stop id.tokoku.kasir && adb -s R58R41XKQ2D logcat -c && "
      "adb -s R58R41XKQ2D shell monkey -p id.tokoku.kasir 1 >/dev/null && sleep 8 && adb -s R58R41XKQ2D logcat -d | grep ReactNativeJS", '''Note: Recompile with -Xlint:deprecation for details.
Performing Streamed Install
Success
add 3 items, then:
11-25 15:02:44.318 24981 25033 I ReactNativeJS: [persistCart] restored 3 items in 4ms
11-25 15:02:44.372 24981 25033 I ReactNativeJS: Running "kasir" with {"rootTag":1}
11-25 15:02:46.990 24981 25033 I ReactNativeJS: [api] GET /v1/products?page=1 200 in 388ms
'''),
 A("Works on the device: after a force-stop the cart comes back with 3 items, restored in 4 ms before the first render, "
   "so no empty-cart flash. Changes:\n"
   "- `proguard-rules.pro`: keep rule for `com.pinmi.react.printer.**` (release crash).\n"
   "- `react-native-mmkv@2.12.2` (pinned; 3.x needs the New Architecture).\n"
   "- `src/store/persistCart.ts`: listener middleware saves only the cart slice; `loadCart()` feeds `preloadedState`.\n"
   "- `CartItem.addedAt` is now epoch ms (number) instead of `Date`."),
 U("wow 4ms 😄 very good, the cashier will be happy. for ios i cannot test now, the macbook is with my colleague "
   "Rizky. need to do pod install and test the mmkv there later."),
 A("Noted. For the iOS side later: `cd ios && pod install` (MMKV 2.12.2 brings its own pod), then run a release build "
   "on a device and check the `[persistCart] restored ...` log line after killing the app. The printer keep rule is "
   "Android-only, nothing to do on iOS for that."),
 U("ok thanks bro 🙏"),
]

sess = {
 "id": "rn_kasir_cart",
 "project": "kasir-mobile",
 "cwd_files": ["package.json", "android/app/build.gradle", "android/gradle.properties", "android/app/proguard-rules.pro",
               "src/store/index.ts", "src/store/cartSlice.ts", "src/store/persistCart.ts", "src/screens/CartScreen.tsx"],
 "turns": turns,
 "gold": [
  G("PROJECT", "kasir-mobile: React Native 0.72 bare workflow app with Redux Toolkit, old architecture (newArchEnabled=false), Hermes",
    ["kasir"], ["react native", "redux", "0.72", "bare", "old architecture"]),
  G("PREFERENCE", "Always test on a real low-end device (Samsung A12), not the emulator",
    ["a12"], ["real device", "device", "samsung", "emulator"]),
  G("BUG_FIX", "Release-only crash on Cart: R8 renamed thermal printer adapter loaded via Class.forName; -keep com.pinmi.react.printer.** in proguard-rules.pro",
    ["printer"], ["proguard", "r8", "-keep", "keep rule", "classnotfound", "minify"], ["android/app/proguard-rules.pro"]),
  G("FAILED", "redux-persist with AsyncStorage abandoned earlier: 4s app start with 3000 products",
    ["asyncstorage"], ["slow", "4 s", "4s", "second", "startup", "3000"]),
  G("DECISION", "Persist only the cart slice to react-native-mmkv via createListenerMiddleware + preloadedState",
    ["mmkv"], ["cart", "listener", "middleware", "preloadedstate"], ["src/store/persistCart.ts", "src/store/index.ts"]),
  G("FAILED", "react-native-mmkv 3.x failed: requires New Architecture / RN >= 0.74; pinned 2.12.2",
    ["mmkv"], ["new architecture", "3.x", "0.74", "2.12", "turbomodule"]),
  G("PATTERN", "Timestamps in Redux state as epoch ms numbers, no Date objects (serializable)",
    ["epoch"], ["date", "serializ", "addedat", "redux", "number"], ["src/store/cartSlice.ts"]),
  G("TODO", "iOS not tested yet: pod install and test MMKV cart persistence on iOS",
    ["ios"], ["pod install", "pod", "test", "later", "mmkv"]),
 ],
 "dead_ends": [
  D("redux-persist + AsyncStorage (too slow)", ["redux-persist", "asyncstorage"]),
  D("WatermelonDB proposed, not picked", ["watermelondb"]),
 ],
 "secrets": ["Kasir#2024!upload"],
}
save(sess)
