// Chinese for the rich-text editor's dialogs: django-prose-editor reads window.gettext when its module loads, so
// this classic script comes before the module (site/assets/editor.js translates the menu's titles itself).
(function () {
  var zh = {
    "Insert Table": "插入表格",
    "Table Properties": "表格属性",
    Rows: "行数",
    Columns: "列数",
    "Include header row": "含表头行",
    Insert: "插入",
    Update: "确定",
    Cancel: "取消",
    URL: "链接地址",
    Title: "标题",
    "Open in new window": "在新窗口打开",
    "Edit Link": "编辑链接",
    "List properties": "列表属性",
    "List type": "列表类型",
    "Start at": "起始编号",
    "Decimal numbers": "阿拉伯数字",
    "Lowercase letters": "小写字母",
    "Uppercase letters": "大写字母",
    "Lowercase Roman numerals": "小写罗马数字",
    "Uppercase Roman numerals": "大写罗马数字",
    "Toggle fullscreen": "全屏",
  };
  var previous = window.gettext;
  window.gettext = function (text) {
    return zh[text] || (previous ? previous(text) : text);
  };
})();
