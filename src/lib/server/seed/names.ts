/** Common Chinese surnames, one character each: the demo data and the bench dataset draw owners from them. */
export const SURNAMES =
	'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于' +
	'蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛' +
	'闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
