// The rich-text editor of item bodies: django-prose-editor (ProseMirror), loaded from this site only, on every
// <textarea data-rich-text>. The textarea stays the form field: the editor writes its HTML back into it, and the
// server cleans it (publishing/sanitize.py) whatever arrives. Only what the sanitiser keeps can be made here:
// paragraphs, headings h2-h4, bold, italic, underline, lists, block quotes, links, tables, rules.
// Pasting from Word: Word's list paragraphs become real lists and its headings the levels above, as the server's
// from_word() does, before ProseMirror reads the HTML (its schema then drops every style and class).
import {
  Blockquote,
  Bold,
  BulletList,
  Document,
  Dropcursor,
  Extension,
  Gapcursor,
  HardBreak,
  Heading,
  History,
  HorizontalRule,
  Italic,
  Link,
  ListItem,
  Menu,
  OrderedList,
  Paragraph,
  Plugin,
  Table,
  TableCell,
  TableHeader,
  TableRow,
  Text,
  Underline,
  createTextareaEditor,
  initializeEditors,
} from "./prose-editor.js";

const ORDERED = /^[(（]?([0-9]+|[a-zA-Z]|[ivxlcIVXLC]+|[一二三四五六七八九十百]+)[.)、）．]/;

function style(el) {
  return (el.getAttribute("style") || "").replace(/\s+/g, "").toLowerCase();
}

export function fromWord(html) {
  if (!/mso-|urn:schemas-microsoft-com|MsoNormal/.test(html)) return html;
  const doc = new DOMParser().parseFromString(html, "text/html");
  doc.querySelectorAll("style, script, meta, link, xml, title").forEach((el) => el.remove());
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_COMMENT);
  const comments = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  comments.forEach((c) => c.remove());
  doc.querySelectorAll("h1, h5, h6").forEach((h) => {
    const to = doc.createElement(h.tagName === "H1" ? "h2" : "h4");
    to.append(...h.childNodes);
    h.replaceWith(to);
  });
  const paragraphs = [...doc.querySelectorAll("p")].filter(
    (p) => style(p).includes("mso-list:") && !style(p).includes("mso-list:ignore"),
  );
  for (const p of paragraphs) {
    const markers = [...p.querySelectorAll("*")].filter((el) => style(el).includes("mso-list:ignore"));
    const marker = markers.map((el) => el.textContent).join("").trim();
    markers.forEach((el) => el.remove());
    const level = /level(\d+)/.exec(style(p));
    p.dataset.level = level ? level[1] : "1";
    p.dataset.kind = ORDERED.test(marker) ? "ol" : "ul";
  }
  for (const p of paragraphs) {
    if (!p.isConnected) continue;
    const run = [p];
    let next = p.nextSibling;
    while (next) {
      if (next.nodeType === Node.TEXT_NODE && !next.textContent.trim()) {
        next = next.nextSibling;
        continue;
      }
      if (next.nodeName === "P" && next.dataset && next.dataset.level) {
        run.push(next);
        next = next.nextSibling;
        continue;
      }
      break;
    }
    const root = doc.createElement(run[0].dataset.kind);
    p.before(root);
    const stack = [[1, root]];
    for (const item of run) {
      const level = Number(item.dataset.level);
      while (level > stack[stack.length - 1][0] && stack[stack.length - 1][1].lastElementChild) {
        const nested = doc.createElement(item.dataset.kind);
        stack[stack.length - 1][1].lastElementChild.append(nested);
        stack.push([stack[stack.length - 1][0] + 1, nested]);
      }
      while (level < stack[stack.length - 1][0] && stack.length > 1) stack.pop();
      const li = doc.createElement("li");
      li.append(...item.childNodes);
      stack[stack.length - 1][1].append(li);
      item.remove();
    }
  }
  return doc.body.innerHTML;
}

const WordPaste = Extension.create({
  name: "gongkaiWordPaste",
  addProseMirrorPlugins() {
    return [new Plugin({ props: { transformPastedHTML: fromWord } })];
  },
});

// The menu's tooltips and labels, by the button's name (the icons themselves are ligatures of the icon font).
const MENU = {
  paragraph: "段落格式",
  heading2: "二级标题",
  heading3: "三级标题",
  heading4: "四级标题",
  bulletList: "项目符号列表",
  orderedList: "编号列表",
  orderedListProperties: "列表属性",
  blockquote: "引用",
  horizontalRule: "分隔线",
  bold: "加粗",
  italic: "倾斜",
  underline: "下划线",
  link: "插入链接",
  unlink: "取消链接",
  table: "插入表格",
  "table:addColumnAfter": "增加一列",
  "table:deleteColumn": "删除列",
  "table:addRowAfter": "增加一行",
  "table:deleteRow": "删除行",
  "table:deleteTable": "删除表格",
  "table:mergeCells": "合并单元格",
  "table:splitCell": "拆分单元格",
  "table:toggleHeaderCell": "设为表头",
  undo: "撤销",
  redo: "重做",
};
const TITLES = { paragraph: "段落格式", undo: "撤销", redo: "重做" };

function translateMenu(root) {
  root.querySelectorAll(".prose-menubar button").forEach((button) => {
    const name = button.dataset.name || "";
    const label = MENU[name] || TITLES[(button.getAttribute("title") || "").toLowerCase()];
    if (!label) return;
    if (button.getAttribute("title") !== label) button.setAttribute("title", label);
    if (button.getAttribute("aria-label") !== label) button.setAttribute("aria-label", label);
    const option = button.querySelector("h2, h3, h4, p");
    const text = label === "段落格式" ? "正文" : label;
    if (option && option.textContent !== text) option.textContent = text;
  });
}

function create(textarea) {
  if (textarea.closest(".prose-editor")) return null;
  const editor = createTextareaEditor(textarea, [
    Document,
    Dropcursor,
    Gapcursor,
    Paragraph,
    HardBreak,
    Text,
    History,
    Menu,
    WordPaste,
    Blockquote,
    Bold,
    Italic,
    Underline,
    BulletList,
    OrderedList,
    ListItem,
    Heading.configure({ levels: [2, 3, 4] }),
    HorizontalRule,
    Link,
    Table,
    TableRow,
    TableHeader,
    TableCell,
  ]);
  // The editable area is what a screen reader meets: it takes the name of the field's label (the textarea it stands
  // for is hidden), through ProseMirror's own attributes so that no redraw drops it.
  const label = textarea.id && document.querySelector(`label[for="${textarea.id}"]`);
  const name = (label ? label.textContent : textarea.getAttribute("aria-label") || "").trim();
  if (editor && name) {
    const props = editor.options.editorProps || {};
    editor.setOptions({ editorProps: { ...props, attributes: { ...(props.attributes || {}), "aria-label": name } } });
  }
  const root = textarea.closest(".prose-editor");
  if (root) {
    // The menu is built, and parts of it rebuilt, after the editor: translate whatever appears (idempotent).
    translateMenu(root);
    new MutationObserver(() => translateMenu(root)).observe(root, { childList: true, subtree: true });
  }
  return editor;
}

initializeEditors(create, "[data-rich-text]");
window.GongkaiEditor = { create, fromWord };
