/** The page's CSS: Slack's layout and colours, close enough to recognise, with no external font or image. */
export const PAGE_CSS = `
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body { font: 15px/1.46668 -apple-system, BlinkMacSystemFont, "Segoe UI", Lato, "Helvetica Neue", Arial, sans-serif; color: #1d1c1d; background: #fff; }
.app { display: grid; grid-template-columns: 260px 1fr; grid-template-rows: 44px 1fr; height: 100vh; }
.top { grid-column: 1 / 3; display: flex; align-items: center; gap: 16px; padding: 0 16px; background: #350d36; color: #fff; }
.top .logo { font-weight: 700; }
.top .logo small { font-weight: 400; opacity: .7; margin-left: 6px; }
.top label { margin-left: auto; font-size: 13px; opacity: .9; }
.top select { margin-left: 6px; font: inherit; font-size: 13px; padding: 3px 6px; border-radius: 6px; border: 1px solid #8e6b8f; background: #4a154b; color: #fff; }
.warn { background: #e01e5a; color: #fff; border-radius: 6px; padding: 2px 8px; font-size: 12px; }
.warn[hidden] { display: none; }
.sidebar { background: #3f0e40; color: #cfc3cf; overflow-y: auto; padding: 8px 0 16px; }
.ws-name { color: #fff; font-weight: 900; font-size: 18px; padding: 6px 16px 12px; border-bottom: 1px solid #522653; margin-bottom: 8px; }
.section-title { font-size: 13px; padding: 10px 16px 4px; color: #bcabbc; }
.chan { display: flex; gap: 8px; align-items: center; padding: 3px 16px; color: #cfc3cf; text-decoration: none; font-size: 15px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.chan .name { overflow: hidden; text-overflow: ellipsis; }
.chan .icon { width: 16px; text-align: center; opacity: .8; font-size: 13px; flex: none; }
.chan:hover { background: #350d36; }
.chan.unread { color: #fff; font-weight: 700; }
.chan.active { background: #1164a3; color: #fff; }
.chan.archived { opacity: .5; text-decoration: line-through; }
.none { padding: 3px 16px; font-size: 13px; opacity: .6; }
.main { display: flex; flex-direction: column; min-width: 0; min-height: 0; }
.channel { flex: 1; display: flex; flex-direction: column; min-height: 0; }
.chan-head { padding: 10px 20px; border-bottom: 1px solid #e2e2e2; }
.chan-title { font-weight: 900; font-size: 18px; }
.chan-meta { font-size: 13px; color: #616061; }
.topic { font-size: 13px; color: #1d1c1d; margin-top: 2px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.messages { flex: 1; overflow-y: auto; padding: 8px 0 16px; }
.empty { padding: 24px 20px; color: #616061; }
.msg { display: flex; gap: 10px; padding: 8px 20px; position: relative; }
.msg-menu { position: absolute; top: 2px; right: 16px; display: flex; gap: 2px; background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 2px; opacity: 0; }
.msg:hover .msg-menu, .msg-menu:focus-within { opacity: 1; }
.menu-btn { font: inherit; font-size: 12px; border: 0; background: none; padding: 2px 6px; border-radius: 4px; cursor: pointer; color: #1d1c1d; }
.menu-btn:hover { background: #f0f0f0; }
.messages.home { padding: 16px 20px; }
.banner { margin: 0; padding: 6px 20px; background: #fff8e5; border-bottom: 1px solid #f2e3b3; font-size: 13px; }
.banner summary { cursor: pointer; font-weight: 700; }
.banner pre { margin: 6px 0; }
.msg:hover { background: #f8f8f8; }
.msg.pinned { background: #fef9ec; }
.msg.eph { background: #f4f8fb; border-left: 3px solid #1264a3; }
.avatar { width: 36px; height: 36px; border-radius: 6px; color: #fff; font-weight: 700; display: flex; align-items: center; justify-content: center; flex: none; }
.msg-body { min-width: 0; flex: 1; }
.msg-meta { display: flex; gap: 8px; align-items: baseline; font-size: 13px; color: #616061; }
.msg-meta .author { font-size: 15px; color: #1d1c1d; }
.msg-meta .app-badge { background: #ddd; color: #555; font-size: 10px; font-weight: 700; border-radius: 3px; padding: 0 4px; }
.msg-meta .pin { color: #b7791f; }
.eph-note { font-size: 12px; color: #616061; }
.msg-content { word-wrap: break-word; overflow-wrap: anywhere; }
.b-header { font-weight: 900; font-size: 18px; margin: 4px 0; }
.b-section { display: flex; gap: 12px; align-items: flex-start; margin: 4px 0; }
.b-main { flex: 1; min-width: 0; }
.b-fields { display: grid; grid-template-columns: 1fr 1fr; gap: 6px 16px; margin-top: 4px; }
.b-accessory { flex: none; }
.b-context { font-size: 13px; color: #616061; margin: 4px 0; display: flex; gap: 8px; flex-wrap: wrap; }
.b-actions { display: flex; gap: 8px; flex-wrap: wrap; margin: 8px 0 4px; }
.b-divider { border: 0; border-top: 1px solid #e2e2e2; margin: 8px 0; }
.b-unknown, .img-alt, .inert { color: #616061; font-size: 13px; }
.inert { border: 1px solid #ccc; border-radius: 4px; padding: 2px 8px; }
.choice { display: block; }
.btn { font: inherit; font-size: 14px; font-weight: 700; padding: 4px 12px; border-radius: 4px; border: 1px solid #bbb; background: #fff; color: #1d1c1d; cursor: pointer; text-decoration: none; display: inline-block; }
.btn:hover { background: #f6f6f6; }
.btn.primary { background: #007a5a; border-color: #007a5a; color: #fff; }
.btn.primary:hover { background: #148567; }
.btn.danger { background: #e01e5a; border-color: #e01e5a; color: #fff; }
.btn:disabled { opacity: .5; cursor: default; }
.mention { background: #e8f5fa; color: #1264a3; border-radius: 3px; padding: 0 2px; }
.chan-link, a { color: #1264a3; }
code { font: 12px Menlo, Monaco, Consolas, monospace; background: #f6f6f6; border: 1px solid #ddd; border-radius: 3px; padding: 1px 3px; color: #e01e5a; }
pre { font: 12px Menlo, Monaco, Consolas, monospace; background: #f8f8f8; border: 1px solid #ddd; border-radius: 4px; padding: 8px; white-space: pre-wrap; margin: 4px 0; }
.quote { display: block; border-left: 4px solid #ddd; padding-left: 8px; }
.reactions { margin-top: 4px; }
.reaction { display: inline-block; border: 1px solid #ddd; border-radius: 12px; padding: 0 6px; font-size: 12px; margin-right: 4px; }
.composer { margin: 0 20px 8px; border: 1px solid #bbb; border-radius: 8px; display: flex; flex-wrap: wrap; }
.composer[hidden] { display: none; }
.composer input { flex: 1; border: 0; padding: 10px 12px; font: inherit; outline: none; border-radius: 8px; }
.composer button { margin: 6px; }
.composer-hint { width: 100%; font-size: 12px; color: #616061; padding: 0 12px 6px; }
.overlay { position: fixed; inset: 0; background: rgba(0,0,0,.5); display: flex; align-items: center; justify-content: center; }
.overlay[hidden] { display: none; }
.modal { background: #fff; width: 520px; max-height: 90vh; border-radius: 8px; display: flex; flex-direction: column; box-shadow: 0 18px 48px rgba(0,0,0,.35); }
.modal-head { display: flex; justify-content: space-between; align-items: center; padding: 16px 24px; font-size: 22px; font-weight: 900; border-bottom: 1px solid #e2e2e2; }
.modal-head .x { border: 0; background: none; font-size: 24px; cursor: pointer; }
.modal-head .back { border: 0; background: none; font-size: 26px; line-height: 1; margin-right: 8px; cursor: pointer; }
.modal-body { padding: 12px 24px; overflow-y: auto; }
.modal-foot { display: flex; justify-content: flex-end; gap: 8px; padding: 16px 24px; border-top: 1px solid #e2e2e2; }
.input-block { margin: 12px 0; }
.label { display: block; font-weight: 700; margin-bottom: 6px; }
.optional { font-weight: 400; color: #616061; }
.field { width: 100%; font: inherit; padding: 8px; border: 1px solid #bbb; border-radius: 4px; }
.field.choices { border: 0; padding: 0; }
.hint { font-size: 13px; color: #616061; margin-top: 4px; }
.field-error { color: #e01e5a; font-size: 13px; margin-top: 4px; }
.field-error:empty { display: none; }
.toast { position: fixed; bottom: 20px; left: 50%; transform: translateX(-50%); background: #1d1c1d; color: #fff; padding: 10px 16px; border-radius: 8px; max-width: 80vw; }
.toast[hidden] { display: none; }
`;
